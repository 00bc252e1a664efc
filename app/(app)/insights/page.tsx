import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { TrendChart } from '@/components/insights/lazy-charts';
import type { TrendPoint } from '@/components/insights/charts';
import { formatWhen } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { buttonClasses } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { hrefWith } from '@/components/ui/href';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDuration } from '@/lib/domain/release-metrics';
import type { WeekPoint } from '@/lib/domain/dora';
import { getInsightsPage, type FigureDto } from '@/lib/server/insights';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Delivery metrics' };

// Delivery metrics (docs/decisions/043-delivery-metrics.md): the four DORA keys, approval wait
// and schedule adherence for a period and filters, each against the previous period of equal
// length, with its definition one click away, a weekly trend chart and a table alternative.

const ARROW = { up: '▲', down: '▼', same: '=', unknown: '–' } as const;
const VERDICT_CLASS = { better: 'text-green-800', worse: 'text-red-800', unchanged: 'text-gray-700', unknown: 'text-gray-700' } as const;

function FigureCard({ f }: { f: FigureDto }) {
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
          How it is measured<span className="sr-only">: {f.title}</span>
        </summary>
        <p className="mt-1 text-sm text-gray-800">{f.definition}</p>
      </details>
    </section>
  );
}

interface Series {
  key: string;
  title: string;
  unit: string;
  kind: 'bar' | 'line';
  pick: (w: WeekPoint) => number | null;
}

const SERIES: Series[] = [
  { key: 'deploymentFrequency', title: 'Deployments per week', unit: 'deployments', kind: 'bar', pick: (w) => w.deployments },
  { key: 'leadTime', title: 'Lead time for changes, median per week (hours)', unit: 'hours', kind: 'line', pick: (w) => w.leadTimeHours },
  { key: 'changeFailureRate', title: 'Change failure rate per week (%)', unit: '%', kind: 'line', pick: (w) => w.changeFailureRate },
  { key: 'timeToRestore', title: 'Time to restore service, median per week (hours)', unit: 'hours', kind: 'line', pick: (w) => w.timeToRestoreHours },
  { key: 'approvalWait', title: 'Approval wait, median per week (hours)', unit: 'hours', kind: 'line', pick: (w) => w.approvalWaitHours },
  { key: 'scheduleAdherence', title: 'Schedule adherence per week (%)', unit: '%', kind: 'line', pick: (w) => w.scheduleAdherence },
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
  unit: string;
  kind: 'bar' | 'line';
  data: TrendPoint[];
  column: string;
}) {
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
          Show as table<span className="sr-only">: {title}</span>
        </summary>
        <Table caption={title} className="mt-2">
          <THead>
            <Tr>
              <Th>{column}</Th>
              <Th>{unit === '%' ? 'Percent' : unit.charAt(0).toUpperCase() + unit.slice(1)}</Th>
            </Tr>
          </THead>
          <TBody>
            {data.map((d) => (
              <Tr key={d.label}>
                <Td>{d.label}</Td>
                <Td>{d.value === null ? 'no data' : `${d.value}${unit === '%' ? '%' : ''}`}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </details>
    </figure>
  );
}

function describe(data: TrendPoint[], unit: string): string {
  const known = data.filter((d) => d.value !== null);
  if (!known.length) return 'no data in this period.';
  const last = known[known.length - 1]!;
  const values = known.map((d) => d.value!);
  return `${data.length} weeks; lowest ${Math.min(...values)}, highest ${Math.max(...values)}, latest ${last.value} ${unit} (week of ${last.label}).`;
}

const REASONS = {
  failed: 'Deployment failed',
  rolled_back: 'Deployment rolled back',
  backed_out: 'Backed out afterwards',
  review_failed: 'Review outcome: failed',
} as const;

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await currentViewer();
  const user = await requireUser();
  const raw = await searchParams;
  const loaded = await guard(() => getInsightsPage(user, raw));
  if (!loaded.ok) return <AccessDenied title="Delivery metrics" reason={loaded.message} />;
  const m = loaded.value;
  const custom = m.periodChoice === 'custom';
  const query = {
    period: m.periodChoice,
    from: custom ? m.period.from : undefined,
    to: custom ? m.period.to : undefined,
    team: m.filters.team,
    component: m.filters.component,
    environment: m.filters.environment,
  };
  const envText = m.environments.length ? m.environments.join(', ') : 'no production-tier environment';
  const filtered = !!(raw.period || raw.from || raw.to || raw.team || raw.component || raw.environment);

  return (
    <>
      <PageHeader
        title="Delivery metrics"
        description={`Deployments to ${envText}${m.filters.team ? `, releases of the ${m.options.teams.find((t) => t.slug === m.filters.team)?.name ?? m.filters.team} team` : ''}${
          m.filters.component ? `, packages with ${m.filters.component}` : ''
        }, from ${m.period.from} to ${m.period.to} (UTC, ${m.period.days} days), compared with ${m.previousPeriod.from} to ${m.previousPeriod.to}.`}
        actions={
          <a href={hrefWith('/insights/export.csv', query)} download className={buttonClasses('secondary')}>
            Download CSV<span className="sr-only"> of these delivery metrics</span>
          </a>
        }
      />
      <FilterBar
        action="/insights"
        label="Filter the delivery metrics"
        gridClassName="sm:grid-cols-2 lg:grid-cols-[repeat(6,minmax(0,1fr))_auto] lg:items-end"
        showClear={filtered}
        clearLabel="Last 12 weeks, everything"
      >
        <SelectField
          id="insights-period"
          name="period"
          label="Period"
          hint="“The dates below” uses From and To; the others end today."
          defaultValue={m.periodChoice}
          options={[
            { value: '4', label: 'Last 4 weeks' },
            { value: '12', label: 'Last 12 weeks' },
            { value: '26', label: 'Last 26 weeks' },
            { value: 'custom', label: 'The dates below' },
          ]}
        />
        <TextField id="insights-from" name="from" type="date" label="From (UTC)" defaultValue={m.period.from} />
        <TextField id="insights-to" name="to" type="date" label="To (UTC)" defaultValue={m.period.to} />
        <SelectField
          id="insights-team"
          name="team"
          label="Team"
          defaultValue={m.filters.team ?? ''}
          options={[{ value: '', label: 'Every team' }, ...m.options.teams.map((t) => ({ value: t.slug, label: t.name }))]}
        />
        <SelectField
          id="insights-component"
          name="component"
          label="Component"
          defaultValue={m.filters.component ?? ''}
          options={[{ value: '', label: 'Every component' }, ...m.options.components.map((c) => ({ value: c.name, label: c.name }))]}
        />
        <SelectField
          id="insights-environment"
          name="environment"
          label="Environment"
          defaultValue={m.filters.environment ?? ''}
          options={[{ value: '', label: 'Production tier' }, ...m.options.environments.map((e) => ({ value: e.name, label: `${e.displayName} (${e.tier})` }))]}
        />
      </FilterBar>
      {m.notes.map((n) => (
        <p key={n} role="status" className="mb-3 text-sm text-gray-800">
          {n}
        </p>
      ))}

      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {m.figures.map((f) => (
          <FigureCard key={f.key} f={f} />
        ))}
      </div>

      <h2 className="mt-6 mb-2 text-lg font-semibold text-gray-900">Week by week</h2>
      <p className="mb-3 text-sm text-gray-700">Weeks of seven days from {m.period.from}; the last may be shorter.</p>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        {SERIES.map((s) => {
          const data = m.weekly.map((w) => ({ label: w.week, value: s.pick(w) }));
          return (
            <ChartFigure
              key={s.key}
              id={`trend-${s.key}`}
              title={s.title}
              unit={s.unit}
              kind={s.kind}
              data={data}
              summary={describe(data, s.unit)}
              column="Week of"
            />
          );
        })}
        <ChartFigure
          id="lead-time-distribution"
          title="Lead time for changes, distribution (deployments)"
          unit="deployments"
          kind="bar"
          column="Lead time"
          data={m.leadTimeDistribution.map((b) => ({ label: b.bucket, value: b.deployments }))}
          summary={m.leadTimeDistribution.map((b) => `${b.bucket}: ${b.deployments}`).join('; ')}
        />
      </div>

      <h2 className="mt-6 mb-2 text-lg font-semibold text-gray-900">Failures in this period</h2>
      {m.failures.length ? (
        <Table caption="Failures in this period and their restores">
          <THead>
            <Tr>
              <Th>Release</Th>
              <Th>Environment</Th>
              <Th>Failed</Th>
              <Th>Why it counts</Th>
              <Th>Restored</Th>
              <Th>Time to restore</Th>
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
                <Td>{REASONS[f.reason]}</Td>
                <Td className="whitespace-nowrap">{f.restoredAt ? formatWhen(f.restoredAt, viewer, { weekday: false }) : 'not restored'}</Td>
                <Td>{f.restoreMs === null ? '—' : formatDuration(f.restoreMs)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <p className="text-sm text-gray-700">No failed, rolled-back or backed-out deployments in this period.</p>
      )}
    </>
  );
}
