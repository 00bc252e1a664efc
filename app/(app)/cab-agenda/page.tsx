import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/approvals/print-button';
import { formatMinutes, formatWhen, formatWindowLine } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { DateField } from '@/components/ui/date-field';
import { FilterBar } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { cabAgenda, type CabAgendaItem } from '@/lib/server/cab-agenda';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
// loading it remembers the risk factors' names (stored in English)
import '@/lib/domain/risk-level';
import { readerLocale } from '@/app/_lib/reader-locale';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cab-agenda');
  return { title: t('title') };
}

// the filter's grid classes (a constant: the text lint reads a class list in a JSX attribute as words)
const FILTER_GRID = 'sm:grid-cols-[repeat(2,minmax(8rem,12rem))_auto] sm:items-end';

// The printable CAB agenda (docs/decisions/041-csv-export-and-cab-agenda.md): one page per
// release on paper (break-after-page), the navigation, filters and buttons hidden when printing.

async function Item({ item }: { item: CabAgendaItem }) {
  const [viewer, t, locale] = await Promise.all([currentViewer(), getTranslations('cab-agenda.item'), readerLocale()]);
  // risk factors and requirement descriptions are sentences of lib/domain, said in English
  const said = (text: string) => localize(text, locale);
  const id = `agenda-${item.key}`;
  const rehearsed = item.backout?.lastRehearsedAt ? formatWhen(item.backout.lastRehearsedAt, viewer, { weekday: false }) : null;
  return (
    <article aria-labelledby={id} className="break-inside-avoid-page break-after-page rounded-md border border-gray-200 bg-white p-4 print:border-0 print:p-0">
      <h2 id={id} className="text-lg font-semibold text-gray-900">
        <Link href={`/approvals/${item.key}`} className="link print:no-underline">
          {item.key}
        </Link>{' '}
        {item.title}
      </h2>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2 print:grid-cols-2">
        <div>
          <dt className="inline font-medium text-gray-900">{t('owner')}</dt>
          <dd className="inline text-gray-800">{item.owner}</dd>
        </div>
        <div>
          <dt className="inline font-medium text-gray-900">{t('type')}</dt>
          <dd className="inline text-gray-800">{t('typeName', { type: item.type })}</dd>
        </div>
        <div>
          <dt className="inline font-medium text-gray-900">{t('riskLevel')}</dt>
          <dd className="inline text-gray-800">
            {item.riskLevel
              ? item.riskScore !== null
                ? t('levelWithScore', { level: item.riskLevel, score: item.riskScore })
                : t('level', { level: item.riskLevel })
              : item.riskScore !== null
                ? t('notAssessedWithScore', { score: item.riskScore })
                : t('notAssessed')}
          </dd>
        </div>
        <div>
          <dt className="inline font-medium text-gray-900">{t('planned')}</dt>
          <dd className="inline text-gray-800">{formatWindowLine(item.plannedStart, item.plannedEnd, viewer, item.timezone) ?? t('noWindow')}</dd>
        </div>
      </dl>

      <h3 className="mt-3 text-sm font-semibold text-gray-900">{t('requirements')}</h3>
      <ul className="mt-1 list-disc pl-5 text-sm text-gray-800">
        {item.requirements.map((r) => (
          <li key={r.key}>
            {t('requirement', {
              description: said(r.description),
              given: r.given,
              count: r.count,
              cabOnly: r.cabOnly ? 'yes' : 'no',
              satisfied: r.satisfied ? 'yes' : 'no',
              missing: r.count - r.given,
            })}
          </li>
        ))}
      </ul>

      {item.riskFactors.length ? (
        <>
          <h3 className="mt-3 text-sm font-semibold text-gray-900">{t('riskFactors')}</h3>
          <ul className="mt-1 list-disc pl-5 text-sm text-gray-800">
            {item.riskFactors.map((f, i) => (
              <li key={i}>
                {f.detail
                  ? t('factorWithDetail', { name: said(f.name), contribution: f.contribution, detail: said(f.detail) })
                  : t('factor', { name: said(f.name), contribution: f.contribution })}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3 className="mt-3 text-sm font-semibold text-gray-900">{t('components')}</h3>
      {item.components.length ? (
        <ul className="mt-1 list-disc pl-5 text-sm text-gray-800">
          {item.components.map((c) => (
            <li key={c.name}>
              {c.name} {c.version}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-gray-700">{t('noComponents')}</p>
      )}

      <h3 className="mt-3 text-sm font-semibold text-gray-900">{t('windows')}</h3>
      {item.windows.length ? (
        <ul className="mt-1 list-disc pl-5 text-sm text-gray-800">
          {item.windows.map((w) => (
            <li key={w.environment}>
              {t('window', { environment: w.environment, window: formatWindowLine(w.start, w.end, viewer, item.timezone) ?? t('notScheduled') })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-gray-700">{t('noTargets')}</p>
      )}

      <h3 className="mt-3 text-sm font-semibold text-gray-900">{t('backout')}</h3>
      <p className="mt-1 text-sm text-gray-800">
        {!item.backout
          ? t('noBackout')
          : !rehearsed
            ? t('backoutNeverRehearsed', { duration: formatMinutes(item.backout.expectedDurationMinutes), trigger: item.backout.triggerCriteria })
            : item.backout.lastRehearsalResult
              ? t('backoutRehearsedResult', {
                  duration: formatMinutes(item.backout.expectedDurationMinutes),
                  trigger: item.backout.triggerCriteria,
                  when: rehearsed,
                  result: item.backout.lastRehearsalResult,
                })
              : t('backoutRehearsed', {
                  duration: formatMinutes(item.backout.expectedDurationMinutes),
                  trigger: item.backout.triggerCriteria,
                  when: rehearsed,
                })}
      </p>

      <h3 className="mt-3 text-sm font-semibold text-gray-900">{t('openRisks')}</h3>
      {item.openRisks.length ? (
        <ul className="mt-1 list-disc pl-5 text-sm text-gray-800">
          {item.openRisks.map((r, i) => (
            <li key={i}>
              {r.mitigation
                ? t('riskWithMitigation', { title: r.title, score: r.score, mitigation: r.mitigation })
                : t('risk', { title: r.title, score: r.score })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-gray-700">{t('noOpenRisks')}</p>
      )}
    </article>
  );
}

export default async function CabAgendaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [user, t, locale] = await Promise.all([requireUser(), getTranslations('cab-agenda'), getLocale()]);
  const raw = await searchParams;
  const loaded = await guard(() => cabAgenda(user, raw));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const agenda = loaded.value;
  return (
    <div lang={locale} className="contents">
      <PageHeader
        title={t('title')}
        description={t('description', { count: agenda.items.length, from: agenda.from, to: agenda.to })}
        actions={agenda.items.length ? <PrintButton label={t('print')} /> : undefined}
      />
      <div className="print:hidden">
        <FilterBar action="/cab-agenda" label={t('filter.label')} gridClassName={FILTER_GRID} showClear={!!(raw.from || raw.to)} clearLabel={t('filter.clear')}>
          <DateField id="agenda-from" name="from" label={t('filter.from')} defaultValue={agenda.from} />
          <DateField id="agenda-to" name="to" label={t('filter.to')} defaultValue={agenda.to} />
        </FilterBar>
      </div>
      {agenda.note ? (
        <p role="status" className="mb-3 text-sm text-gray-800">
          {localize(agenda.note, languageOf(locale))}
        </p>
      ) : null}
      {agenda.more ? <p className="mb-3 text-sm text-gray-800">{t('more')}</p> : null}
      {agenda.items.length ? (
        <div className="space-y-4 print:space-y-0">
          {agenda.items.map((item) => (
            <Item key={item.key} item={item} />
          ))}
        </div>
      ) : (
        <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
      )}
    </div>
  );
}
