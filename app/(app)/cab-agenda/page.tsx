import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PrintButton } from '@/components/approvals/print-button';
import { formatMinutes, formatWhen, formatWindowLine, plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { TextField } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { cabAgenda, type CabAgendaItem } from '@/lib/server/cab-agenda';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'CAB agenda' };

// The printable CAB agenda (docs/decisions/041-csv-export-and-cab-agenda.md): one page per
// release on paper (break-after-page), the navigation, filters and buttons hidden when printing.

async function Item({ item }: { item: CabAgendaItem }) {
  const viewer = await currentViewer();
  const id = `agenda-${item.key}`;
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
          <dt className="inline font-medium text-gray-900">Owner: </dt>
          <dd className="inline text-gray-800">{item.owner}</dd>
        </div>
        <div>
          <dt className="inline font-medium text-gray-900">Type: </dt>
          <dd className="inline text-gray-800">{item.type}</dd>
        </div>
        <div>
          <dt className="inline font-medium text-gray-900">Risk level: </dt>
          <dd className="inline text-gray-800">
            {item.riskLevel ?? 'not assessed'}
            {item.riskScore !== null ? ` (score ${item.riskScore})` : ''}
          </dd>
        </div>
        <div>
          <dt className="inline font-medium text-gray-900">Planned: </dt>
          <dd className="inline text-gray-800">{formatWindowLine(item.plannedStart, item.plannedEnd, viewer, item.timezone) ?? 'no window'}</dd>
        </div>
      </dl>

      <h3 className="mt-3 text-sm font-semibold text-gray-900">Approval requirements</h3>
      <ul className="mt-1 list-disc pl-5 text-sm text-gray-800">
        {item.requirements.map((r) => (
          <li key={r.key}>
            {r.description}: {r.given} of {r.count} given{r.cabOnly ? ' (CAB)' : ''} — {r.satisfied ? 'met' : `${r.count - r.given} missing`}
          </li>
        ))}
      </ul>

      {item.riskFactors.length ? (
        <>
          <h3 className="mt-3 text-sm font-semibold text-gray-900">Risk factors</h3>
          <ul className="mt-1 list-disc pl-5 text-sm text-gray-800">
            {item.riskFactors.map((f, i) => (
              <li key={i}>
                {f.name} (+{f.contribution}){f.detail ? `: ${f.detail}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3 className="mt-3 text-sm font-semibold text-gray-900">Components and versions</h3>
      {item.components.length ? (
        <ul className="mt-1 list-disc pl-5 text-sm text-gray-800">
          {item.components.map((c) => (
            <li key={c.name}>
              {c.name} {c.version}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-gray-700">No components in the package.</p>
      )}

      <h3 className="mt-3 text-sm font-semibold text-gray-900">Windows per environment</h3>
      {item.windows.length ? (
        <ul className="mt-1 list-disc pl-5 text-sm text-gray-800">
          {item.windows.map((w) => (
            <li key={w.environment}>
              {w.environment}: {formatWindowLine(w.start, w.end, viewer, item.timezone) ?? 'not scheduled'}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-gray-700">No target environments.</p>
      )}

      <h3 className="mt-3 text-sm font-semibold text-gray-900">Back-out plan</h3>
      <p className="mt-1 text-sm text-gray-800">
        {item.backout
          ? `Takes about ${formatMinutes(item.backout.expectedDurationMinutes)}. Trigger: ${item.backout.triggerCriteria}. ${
              item.backout.lastRehearsedAt
                ? `Last rehearsed ${formatWhen(item.backout.lastRehearsedAt, viewer, { weekday: false })}${item.backout.lastRehearsalResult ? ` (${item.backout.lastRehearsalResult})` : ''}.`
                : 'Never rehearsed.'
            }`
          : 'No back-out plan.'}
      </p>

      <h3 className="mt-3 text-sm font-semibold text-gray-900">Open risks</h3>
      {item.openRisks.length ? (
        <ul className="mt-1 list-disc pl-5 text-sm text-gray-800">
          {item.openRisks.map((r, i) => (
            <li key={i}>
              {r.title} (score {r.score}){r.mitigation ? ` — mitigation: ${r.mitigation}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-gray-700">No open risks.</p>
      )}
    </article>
  );
}

export default async function CabAgendaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const raw = await searchParams;
  const loaded = await guard(() => cabAgenda(user, raw));
  if (!loaded.ok) return <AccessDenied title="CAB agenda" reason={loaded.message} />;
  const agenda = loaded.value;
  return (
    <>
      <PageHeader
        title="CAB agenda"
        description={`${plural(agenda.items.length, 'release')} awaiting a CAB decision with a planned window from ${agenda.from} to ${agenda.to} (UTC), by planned start.`}
        actions={agenda.items.length ? <PrintButton label="Print" /> : undefined}
      />
      <div className="print:hidden">
        <FilterBar
          action="/cab-agenda"
          label="Choose the agenda's period"
          gridClassName="sm:grid-cols-[repeat(2,minmax(8rem,12rem))_auto] sm:items-end"
          showClear={!!(raw.from || raw.to)}
          clearLabel="Next 7 days"
        >
          <TextField id="agenda-from" name="from" type="date" label="From (UTC)" defaultValue={agenda.from} />
          <TextField id="agenda-to" name="to" type="date" label="To (UTC)" defaultValue={agenda.to} />
        </FilterBar>
      </div>
      {agenda.note ? (
        <p role="status" className="mb-3 text-sm text-gray-800">
          {agenda.note}
        </p>
      ) : null}
      {agenda.more ? <p className="mb-3 text-sm text-gray-800">Only the first releases are shown: choose a shorter period.</p> : null}
      {agenda.items.length ? (
        <div className="space-y-4 print:space-y-0">
          {agenda.items.map((item) => (
            <Item key={item.key} item={item} />
          ))}
        </div>
      ) : (
        <EmptyState title="Nothing awaits the CAB in this period">
          Submitted releases appear here when a CAB member must still decide on them and their planned window falls in the period.
        </EmptyState>
      )}
    </>
  );
}
