import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { TrendChart } from '@/components/insights/lazy-charts';
import type { TrendPoint, TrendUnit } from '@/components/insights/charts';
import { formatWhen } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { buttonClasses } from '@/components/ui/button';
import { DateField } from '@/components/ui/date-field';
import { SelectField } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { hrefWith } from '@/components/ui/href';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDuration } from '@/lib/domain/release-metrics';
import type { WeekPoint } from '@/lib/domain/dora';
import { getInsightsPage, type FigureDto } from '@/lib/server/insights';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { readerLocale } from '@/app/_lib/reader-locale';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('insights');
  return { title: t('title') };
}

// Delivery metrics (docs/decisions/043-delivery-metrics.md): the four DORA keys, approval wait
// and schedule adherence for a period and filters, each against the previous period of equal
// length, with its definition one click away, a weekly trend chart and a table alternative.

const FILTER_GRID = 'sm:grid-cols-2 lg:grid-cols-[repeat(6,minmax(0,1fr))_auto] lg:items-end';

const ARROW = { up: '▲', down: '▼', same: '=', unknown: '–' } as const;
const VERDICT_CLASS = { better: 'text-green-800', worse: 'text-red-800', unchanged: 'text-gray-700', unknown: 'text-gray-700' } as const;

function FigureCard({ f }: { f: FigureDto }) {
  const t = useTranslations('insights');
  const id = `figure-${f.key}`;
  return (
    <section aria-labelledby={id} className="rounded-md border border-gray-200 bg-white p-4" data-testid={id}>
      <h2 id={id} className="text-sm font-semibold text-gray-900">
        {f.title}
      </h2>
      <p className="mt-1 text-2xl font-semibold text-gray-900">{f.text}</p>
      <p className="text-xs text-gray-700">
        {f.unit}; {f.detail}
      </p>
      <p className={`mt-2 text-sm ${VERDICT_CLASS[f.comparison.verdict]}`}>
        <span aria-hidden="true">{ARROW[f.comparison.direction]} </span>
        {f.comparison.text}
      </p>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium text-blue-800">
          {t.rich('howMeasured', { title: f.title, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
        </summary>
        <p className="mt-1 text-sm text-gray-800">{f.definition}</p>
      </details>
    </section>
  );
}

interface Series {
  /** also its title's key in the insights catalogue (series.<key>) */
  key: 'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore' | 'approvalWait' | 'scheduleAdherence';
  unit: TrendUnit;
  kind: 'bar' | 'line';
  pick: (w: WeekPoint) => number | null;
}

const SERIES: Series[] = [
  { key: 'deploymentFrequency', unit: 'deployments', kind: 'bar', pick: (w) => w.deployments },
  { key: 'leadTime', unit: 'hours', kind: 'line', pick: (w) => w.leadTimeHours },
  { key: 'changeFailureRate', unit: '%', kind: 'line', pick: (w) => w.changeFailureRate },
  { key: 'timeToRestore', unit: 'hours', kind: 'line', pick: (w) => w.timeToRestoreHours },
  { key: 'approvalWait', unit: 'hours', kind: 'line', pick: (w) => w.approvalWaitHours },
  { key: 'scheduleAdherence', unit: '%', kind: 'line', pick: (w) => w.scheduleAdherence },
];

function ChartFigure({
  id,
  title,
  summary,
  unit,
  kind,
  data,
  column,
}: {
  id: string;
  title: string;
  summary: string;
  unit: TrendUnit;
  kind: 'bar' | 'line';
  data: TrendPoint[];
  column: string;
}) {
  const t = useTranslations('insights');
  return (
    <figure aria-labelledby={`${id}-caption`} className="min-w-0 rounded-md border border-gray-200 bg-white p-3" data-testid={`chart-${id}`}>
      <figcaption id={`${id}-caption`} className="text-sm font-semibold text-gray-900">
        {title}
      </figcaption>
      <div role="img" aria-label={`${title}: ${summary}`} className="mt-2 w-full min-w-0">
        <TrendChart data={data} unit={unit} kind={kind} />
      </div>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium text-blue-800">
          {t.rich('showTable', { title, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
        </summary>
        <Table caption={title} className="mt-2">
          <THead>
            <Tr>
              <Th>{column}</Th>
              <Th>{t('unitHeader', { unit })}</Th>
            </Tr>
          </THead>
          <TBody>
            {data.map((d) => (
              <Tr key={d.label}>
                <Td>{d.label}</Td>
                <Td>{d.value === null ? t('chart.noData') : `${d.value}${unit === '%' ? '%' : ''}`}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </details>
    </figure>
  );
}

function describe(t: Awaited<ReturnType<typeof getTranslations<'insights'>>>, data: TrendPoint[], unit: TrendUnit): string {
  const known = data.filter((d) => d.value !== null);
  if (!known.length) return t('summaryEmpty');
  const last = known[known.length - 1]!;
  const values = known.map((d) => d.value!);
  return t('summary', {
    weeks: String(data.length),
    lowest: String(Math.min(...values)),
    highest: String(Math.max(...values)),
    latest: String(last.value),
    unit,
    week: last.label,
  });
}

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await currentViewer();
  const user = await requireUser();
  const raw = await searchParams;
  const loaded = await guard(() => getInsightsPage(user, raw));
  const t = await getTranslations('insights');
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const m = loaded.value;
  const locale = await readerLocale();
  // the definitions, figures and comparisons are sentences of lib/domain/dora.ts, said in English
  const said = (text: string) => localize(text, locale);
  const figures = m.figures.map((f) => ({
    ...f,
    title: said(f.title),
    unit: said(f.unit),
    definition: said(f.definition),
    text: said(f.text),
    detail: said(f.detail),
    comparison: { ...f.comparison, text: said(f.comparison.text) },
  }));
  const distribution = m.leadTimeDistribution.map((b) => ({ ...b, bucket: said(b.bucket) }));
  const custom = m.periodChoice === 'custom';
  const query = {
    period: m.periodChoice,
    from: custom ? m.period.from : undefined,
    to: custom ? m.period.to : undefined,
    team: m.filters.team,
    component: m.filters.component,
    environment: m.filters.environment,
  };
  const filtered = !!(raw.period || raw.from || raw.to || raw.team || raw.component || raw.environment);

  return (
    <ClientMessages namespaces={['insights']}>
      <PageHeader
        title={t('title')}
        description={t('description', {
          environments: m.environments.join(', '),
          none: m.environments.length ? 'no' : 'yes',
          hasTeam: m.filters.team ? 'yes' : 'no',
          team: m.options.teams.find((team) => team.slug === m.filters.team)?.name ?? m.filters.team ?? '',
          hasComponent: m.filters.component ? 'yes' : 'no',
          component: m.filters.component ?? '',
          from: m.period.from,
          to: m.period.to,
          days: m.period.days,
          previousFrom: m.previousPeriod.from,
          previousTo: m.previousPeriod.to,
        })}
        actions={
          <a href={hrefWith('/insights/export.csv', query)} download className={buttonClasses('secondary')}>
            {t.rich('download', { sr: (chunks) => <span className="sr-only">{chunks}</span> })}
          </a>
        }
      />
      <FilterBar action="/insights" label={t('filters.label')} gridClassName={FILTER_GRID} showClear={filtered} clearLabel={t('filters.clear')}>
        <SelectField
          id="insights-period"
          name="period"
          label={t('filters.period')}
          hint={t('filters.periodHint')}
          defaultValue={m.periodChoice}
          options={[
            { value: '4', label: t('filters.lastWeeks', { weeks: 4 }) },
            { value: '12', label: t('filters.lastWeeks', { weeks: 12 }) },
            { value: '26', label: t('filters.lastWeeks', { weeks: 26 }) },
            { value: 'custom', label: t('filters.custom') },
          ]}
        />
        <DateField id="insights-from" name="from" label={t('filters.from')} defaultValue={m.period.from} />
        <DateField id="insights-to" name="to" label={t('filters.to')} defaultValue={m.period.to} />
        <SelectField
          id="insights-team"
          name="team"
          label={t('filters.team')}
          defaultValue={m.filters.team ?? ''}
          options={[{ value: '', label: t('filters.everyTeam') }, ...m.options.teams.map((team) => ({ value: team.slug, label: team.name }))]}
        />
        <SelectField
          id="insights-component"
          name="component"
          label={t('filters.component')}
          defaultValue={m.filters.component ?? ''}
          options={[{ value: '', label: t('filters.everyComponent') }, ...m.options.components.map((c) => ({ value: c.name, label: c.name }))]}
        />
        <SelectField
          id="insights-environment"
          name="environment"
          label={t('filters.environment')}
          defaultValue={m.filters.environment ?? ''}
          options={[
            { value: '', label: t('filters.productionTier') },
            ...m.options.environments.map((e) => ({ value: e.name, label: `${e.displayName} (${e.tier})` })),
          ]}
        />
      </FilterBar>
      {m.notes.map((n) => (
        <p key={n} role="status" className="mb-3 text-sm text-gray-800">
          {localize(n, locale)}
        </p>
      ))}

      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {figures.map((f) => (
          <FigureCard key={f.key} f={f} />
        ))}
      </div>

      <h2 className="mt-6 mb-2 text-lg font-semibold text-gray-900">{t('weekly')}</h2>
      <p className="mb-3 text-sm text-gray-700">{t('weeklyHint', { from: m.period.from })}</p>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        {SERIES.map((s) => {
          const data = m.weekly.map((w) => ({ label: w.week, value: s.pick(w) }));
          return (
            <ChartFigure
              key={s.key}
              id={`trend-${s.key}`}
              title={t(`series.${s.key}`)}
              unit={s.unit}
              kind={s.kind}
              data={data}
              summary={describe(t, data, s.unit)}
              column={t('weekOf')}
            />
          );
        })}
        <ChartFigure
          id="lead-time-distribution"
          title={t('distribution')}
          unit="deployments"
          kind="bar"
          column={t('leadTime')}
          data={distribution.map((b) => ({ label: b.bucket, value: b.deployments }))}
          summary={distribution.map((b) => `${b.bucket}${locale === 'fr' ? '\u00a0' : ''}: ${b.deployments}`).join(locale === 'fr' ? '\u202f; ' : '; ')}
        />
      </div>

      <h2 className="mt-6 mb-2 text-lg font-semibold text-gray-900">{t('failures.heading')}</h2>
      {m.failures.length ? (
        <Table caption={t('failures.caption')}>
          <THead>
            <Tr>
              <Th>{t('failures.release')}</Th>
              <Th>{t('failures.environment')}</Th>
              <Th>{t('failures.failed')}</Th>
              <Th>{t('failures.why')}</Th>
              <Th>{t('failures.restored')}</Th>
              <Th>{t('failures.timeToRestore')}</Th>
            </Tr>
          </THead>
          <TBody>
            {m.failures.map((f) => (
              <Tr key={f.deploymentId}>
                <Td>
                  <Link href={`/releases/${f.releaseKey}/history`} className="link">
                    {f.releaseKey}
                  </Link>
                </Td>
                <Td>{f.environment}</Td>
                <Td className="whitespace-nowrap">{formatWhen(f.failedAt, viewer, { weekday: false })}</Td>
                <Td>{t(`failures.reasons.${f.reason}`)}</Td>
                <Td className="whitespace-nowrap">{f.restoredAt ? formatWhen(f.restoredAt, viewer, { weekday: false }) : t('failures.notRestored')}</Td>
                <Td>{f.restoreMs === null ? '—' : formatDuration(f.restoreMs, locale)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <p className="text-sm text-gray-700">{t('failures.empty')}</p>
      )}
    </ClientMessages>
  );
}
