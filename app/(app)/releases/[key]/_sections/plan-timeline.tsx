import type { CSSProperties, ReactNode } from 'react';
import { getLocale } from 'next-intl/server';
import { DateTime } from 'luxon';
import { useTranslations } from 'next-intl';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { getPlanSchedule, type PlanScheduleDto, type PlanScheduleTaskDto } from '@/lib/server/plan';
import { requireUser } from '@/lib/server/session';
import { localize } from '@/lib/server/say';
import { Badge } from '@/components/ui/badge';
import { cx } from '@/components/ui/cx';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { formatMinutes, safeZone, zoneAbbreviation } from '@/components/format';

// The plan as a Gantt-like timeline: one row per task with its planned (baseline)
// time, its projected earliest start to earliest finish, the slack up to its
// latest finish, and what actually happened; the critical path marked in colour
// and in words; a "now" line and the end of the planned window; a summary of the
// projected finish against the window; and the same numbers as a table.
// Built from plain HTML boxes positioned in percent of the time span, so the
// text stays text (readable, zoomable) and nothing needs client JavaScript.
// Computed on every render from the recorded starts and finishes.

const MINUTE = 60_000;
const TICK_STEPS = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
const HATCH: CSSProperties = { backgroundImage: 'repeating-linear-gradient(135deg, var(--color-gray-900) 0 2px, var(--color-white) 2px 5px)' };

/** The timeline of a release's plan. Loads its own data. */
export async function PlanTimeline({ release }: { release: ReleaseRef }) {
  const actor = await requireUser();
  const s = await getPlanSchedule(actor, release);
  if (!s) return null;
  // the problem (a plan going round in a circle) in the reader's language
  return <PlanTimelineView s={s.problem ? { ...s, problem: localize(s.problem, await getLocale()) } : s} />;
}

const ms = (iso: string | null) => (iso ? new Date(iso).getTime() : null);

function clockFormatter(zone: string, withDay: boolean) {
  return (t: number) => DateTime.fromMillis(t, { zone, locale: 'en-GB' }).toFormat(withDay ? 'ccc d LLL HH:mm' : 'HH:mm');
}

/** "3 Dec 21:40", or "21:40" when `ref` is on the same local day. */
function when(t: number, zone: string, ref?: number) {
  const d = DateTime.fromMillis(t, { zone, locale: 'en-GB' });
  if (ref !== undefined && d.hasSame(DateTime.fromMillis(ref, { zone }), 'day')) return d.toFormat('HH:mm');
  return d.toFormat('ccc d LLL HH:mm');
}

type Translate = ReturnType<typeof useTranslations<'release-plan.timeline'>>;

function slackText(t: Translate, minutes: number) {
  if (minutes < 0) return t('slack.behind', { duration: formatMinutes(-minutes) });
  return minutes < 1 ? t('slack.none') : t('slack.some', { duration: formatMinutes(minutes) });
}

function ticks(lo: number, hi: number, zone: string, multiDay: boolean): { at: number; label: string }[] {
  const span = (hi - lo) / MINUTE;
  const step = TICK_STEPS.find((s) => span / s <= 7) ?? Math.ceil(span / 7 / 1440) * 1440;
  const first = DateTime.fromMillis(lo, { zone });
  let t = first.startOf('day');
  if (step < 1440) {
    const since = first.diff(t, 'minutes').minutes;
    t = t.plus({ minutes: Math.ceil(since / step) * step });
  } else if (t.toMillis() < lo) {
    t = t.plus({ days: 1 });
  }
  const out: { at: number; label: string }[] = [];
  let lastDay = '';
  for (let guard = 0; t.toMillis() <= hi && guard < 40; guard++, t = t.plus({ minutes: step })) {
    const day = t.setLocale('en-GB').toFormat('ccc d LLL');
    // the day only where it changes (and on the first tick of a chart over several days)
    out.push({ at: t.toMillis(), label: multiDay && day !== lastDay ? `${day} ${t.toFormat('HH:mm')}` : t.toFormat('HH:mm') });
    lastDay = day;
  }
  return out;
}

function Summary({ s, zone }: { s: PlanScheduleDto; zone: string }) {
  const t = useTranslations('release-plan.timeline.summary');
  const finish = ms(s.projectedFinish)!;
  const end = ms(s.plannedEnd);
  const allDone = s.tasks.every((task) => task.status === 'finished');
  const late = s.lateByMinutes;
  const names = new Map(s.tasks.map((task) => [task.id, task.name]));
  const done = allDone ? 'yes' : 'no';
  const head = (c: ReactNode) => <span className="font-medium">{c}</span>;
  const muted = (c: ReactNode) => <span className="text-gray-700">{c}</span>;
  const good = (c: ReactNode) => <span className="font-medium text-green-800">{c}</span>;
  const bad = (c: ReactNode) => <span className="font-medium text-red-800">{c}</span>;
  return (
    <div className="space-y-1 text-sm text-gray-900">
      <p>
        {end === null
          ? t.rich('noEnd', { done, finish: when(finish, zone), head, muted })
          : late === null || late === 0
            ? t.rich('exact', { done, finish: when(finish, zone), end: when(end, zone, finish), head, good })
            : late > 0
              ? t.rich('late', { done, finish: when(finish, zone), end: when(end, zone, finish), late: formatMinutes(late), head, bad })
              : t.rich('early', { done, finish: when(finish, zone), end: when(end, zone, finish), spare: formatMinutes(-late), head, good })}
      </p>
      {s.criticalPath.length ? (
        <p>
          {t.rich('criticalPath', {
            done,
            duration: formatMinutes(s.durationMinutes),
            path: s.criticalPath.map((id) => names.get(id) ?? id).join(' → '),
            head,
            muted,
          })}
        </p>
      ) : null}
      <p className="text-xs text-gray-700">
        {t('planned', { duration: formatMinutes(s.plannedDurationMinutes), now: s.planStartIsNow ? 'yes' : 'no', start: when(ms(s.planStart)!, zone) })}
        {s.planStartIsNow ? <> {t('noPlannedStart')}</> : null}
        {s.finished && !allDone ? <> {t('over')}</> : null}
      </p>
    </div>
  );
}

function Legend({ nowShown, endShown }: { nowShown: boolean; endShown: boolean }) {
  const t = useTranslations('release-plan.timeline.legend');
  const item = 'inline-flex items-center gap-1.5';
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-800" aria-label={t('label')}>
      <li className={item}>
        <span aria-hidden className="inline-block h-1.5 w-6 bg-gray-500" /> {t('planned')}
      </li>
      <li className={item}>
        <span aria-hidden className="inline-block h-3 w-6 rounded-sm bg-blue-700" /> {t('projected')}
      </li>
      <li className={item}>
        <span aria-hidden className="inline-block h-3 w-6 rounded-sm bg-red-700" /> {t('critical')}
      </li>
      <li className={item}>
        <span aria-hidden className="inline-block h-3 w-6 rounded-sm border border-dashed border-gray-500 bg-gray-100" /> {t('slack')}
      </li>
      <li className={item}>
        <span aria-hidden className="inline-block h-2 w-6 border border-gray-900" style={HATCH} /> {t('actual')}
      </li>
      {nowShown ? (
        <li className={item}>
          <span aria-hidden className="inline-block h-3 w-0.5 bg-gray-900" /> {t('now')}
        </li>
      ) : null}
      {endShown ? (
        <li className={item}>
          <span aria-hidden className="inline-block h-3 border-l-2 border-dashed border-orange-700" /> {t('end')}
        </li>
      ) : null}
    </ul>
  );
}

function describeTask(t: Translate, task: PlanScheduleTaskDto, clock: (t: number) => string) {
  const c = (iso: string | null) => clock(ms(iso)!);
  const parts = [t('describe.planned', { start: c(task.plannedStart), finish: c(task.plannedFinish) })];
  if (task.status === 'finished') parts.push(t('describe.done', { start: c(task.actualStart), finish: c(task.actualFinish) }));
  else if (task.status === 'in_progress') parts.push(t('describe.started', { start: c(task.actualStart), finish: c(task.earliestFinish) }));
  else parts.push(t('describe.projected', { start: c(task.earliestStart), finish: c(task.earliestFinish) }));
  if (task.status !== 'finished') parts.push(t('describe.latest', { finish: c(task.latestFinish), slack: slackText(t, task.slackMinutes) }));
  return parts.join(' ');
}

export function PlanTimelineView({ s }: { s: PlanScheduleDto }) {
  const t = useTranslations('release-plan.timeline');
  const zone = safeZone(s.timezone);
  const heading = (
    <h3 id="plan-timeline-heading" className="text-sm font-semibold text-gray-900">
      {t('heading')}
    </h3>
  );
  if (s.problem) {
    return (
      <section aria-labelledby="plan-timeline-heading" className="mt-3 space-y-2 rounded-md border border-gray-200 bg-white p-3">
        {heading}
        <p className="text-sm font-medium text-red-800">{s.problem}</p>
      </section>
    );
  }
  if (!s.tasks.length) return null;

  const now = ms(s.now)!;
  const end = ms(s.plannedEnd);
  const points: number[] = [ms(s.planStart)!, ms(s.projectedFinish)!, ms(s.plannedFinish)!];
  for (const task of s.tasks) {
    for (const v of [task.plannedStart, task.plannedFinish, task.earliestStart, task.earliestFinish, task.latestFinish, task.actualStart, task.actualFinish]) {
      const x = ms(v);
      if (x !== null) points.push(x);
    }
  }
  let lo = Math.min(...points);
  let hi = Math.max(...points);
  // the planned end stretches the chart, unless it is so far away the bars would shrink to nothing
  if (end !== null && end >= lo - 2 * (hi - lo) && end <= hi + 2 * (hi - lo)) {
    lo = Math.min(lo, end);
    hi = Math.max(hi, end);
  }
  if (hi - lo < 10 * MINUTE) hi = lo + 10 * MINUTE;
  const pad = (hi - lo) * 0.02;
  lo -= pad;
  hi += pad;
  const pct = (t: number) => `${(((t - lo) / (hi - lo)) * 100).toFixed(3)}%`;
  const width = (a: number, b: number) => `max(2px, ${(((Math.max(b, a) - a) / (hi - lo)) * 100).toFixed(3)}%)`;
  const nowShown = now >= lo && now <= hi;
  const endShown = end !== null && end >= lo && end <= hi;
  const multiDay = !DateTime.fromMillis(lo, { zone }).hasSame(DateTime.fromMillis(hi, { zone }), 'day');
  const clock = clockFormatter(zone, multiDay);
  const tickList = ticks(lo, hi, zone, multiDay);
  const abbr = zoneAbbreviation(s.planStart, zone);
  const lines = (
    <>
      {nowShown ? <span aria-hidden className="absolute inset-y-0 w-0.5 -translate-x-1/2 bg-gray-900" style={{ left: pct(now) }} /> : null}
      {endShown ? <span aria-hidden className="absolute inset-y-0 border-l-2 border-dashed border-orange-700" style={{ left: pct(end!) }} /> : null}
    </>
  );
  const markersClose = nowShown && endShown && Math.abs(now - end!) < (hi - lo) * 0.12;

  return (
    <section aria-labelledby="plan-timeline-heading" className="mt-3 space-y-3 rounded-md border border-gray-200 bg-white p-3">
      {heading}
      <Summary s={s} zone={zone} />
      <Legend nowShown={nowShown} endShown={endShown} />
      <div
        tabIndex={0}
        role="region"
        aria-label={t('region')}
        className="relative overflow-x-auto rounded border border-gray-200 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        <figure className="min-w-[48rem]">
          <figcaption className="border-b border-gray-200 bg-gray-50 px-2 py-1 text-xs text-gray-700">
            {multiDay
              ? t('caption', { zone: zone === 'UTC' ? 'UTC' : t('zoneWithAbbr', { zone, abbr }) })
              : t('captionDay', {
                  zone: zone === 'UTC' ? 'UTC' : t('zoneWithAbbr', { zone, abbr }),
                  day: DateTime.fromMillis(lo + pad, { zone, locale: 'en-GB' }).toFormat('cccc d LLLL yyyy'),
                })}
          </figcaption>
          <div aria-hidden className="grid grid-cols-[15rem_1fr] border-b border-gray-200 text-[11px] text-gray-700">
            <div className="px-2 py-1">{t('task')}</div>
            <div className="relative h-10">
              {tickList.map((tick) => (
                <span key={tick.at} className="absolute top-0 h-full border-l border-gray-300 pt-0.5 pl-1 whitespace-nowrap" style={{ left: pct(tick.at) }}>
                  {tick.label}
                </span>
              ))}
              {nowShown ? (
                <span className="absolute bottom-0 -translate-x-1/2 rounded bg-gray-900 px-1 font-medium text-white" style={{ left: pct(now) }}>
                  {t('now')}
                </span>
              ) : null}
              {endShown ? (
                <span
                  className={cx(
                    'absolute -translate-x-1/2 rounded bg-orange-100 px-1 font-medium whitespace-nowrap text-orange-900',
                    markersClose ? 'top-3.5' : 'bottom-0',
                  )}
                  style={{ left: pct(end!) }}
                >
                  {t('plannedEnd')}
                </span>
              ) : null}
            </div>
          </div>
          <ol className="divide-y divide-gray-100">
            {s.tasks.map((task) => {
              const ps = ms(task.plannedStart)!;
              const pf = ms(task.plannedFinish)!;
              const es = ms(task.earliestStart)!;
              const ef = ms(task.earliestFinish)!;
              const lf = ms(task.latestFinish)!;
              const as = ms(task.actualStart);
              const af = ms(task.actualFinish) ?? (as !== null ? Math.max(as, now) : null);
              return (
                <li key={task.id} className="grid grid-cols-[15rem_1fr]">
                  <div className="min-w-0 px-2 py-1 text-xs">
                    <div className="flex items-center gap-1">
                      <span className="truncate font-medium text-gray-900" title={task.name}>
                        {task.name}
                      </span>
                      {task.critical ? <Badge tone="red">{t('critical')}</Badge> : null}
                    </div>
                    <div className="truncate text-gray-700">
                      {t('row', { owner: task.owner ?? t('noOwner'), estimate: formatMinutes(task.estimateMinutes), status: task.status })}
                    </div>
                    <p className="sr-only">{describeTask(t, task, clock)}</p>
                  </div>
                  <div aria-hidden className="relative h-11">
                    {tickList.map((x) => (
                      <span key={x.at} className="absolute inset-y-0 border-l border-gray-100" style={{ left: pct(x.at) }} />
                    ))}
                    <span
                      className="absolute top-1 h-1.5 bg-gray-500"
                      style={{ left: pct(ps), width: width(ps, pf) }}
                      title={t('bars.planned', { start: clock(ps), finish: clock(pf) })}
                    />
                    {lf > ef && task.status !== 'finished' ? (
                      <span
                        className="absolute top-3.5 h-5 rounded-r-sm border border-dashed border-gray-500 bg-gray-100"
                        style={{ left: pct(ef), width: width(ef, lf) }}
                        title={t('bars.slack', { finish: clock(lf) })}
                      />
                    ) : null}
                    <span
                      className={cx('absolute top-3.5 h-5 rounded-sm', task.critical ? 'bg-red-700' : 'bg-blue-700')}
                      style={{ left: pct(es), width: width(es, ef) }}
                      title={t('bars.projected', { start: clock(es), finish: clock(ef) })}
                    />
                    {as !== null && af !== null ? (
                      <span
                        className="absolute top-5 h-2 border border-gray-900"
                        style={{ ...HATCH, left: pct(as), width: width(as, af) }}
                        title={task.actualFinish ? t('bars.actual', { start: clock(as), finish: clock(af) }) : t('bars.actualNow', { start: clock(as) })}
                      />
                    ) : null}
                    {lines}
                  </div>
                </li>
              );
            })}
          </ol>
        </figure>
      </div>
      <details>
        <summary className="cursor-pointer text-sm text-blue-800">{t('table.summary')}</summary>
        <div className="mt-2">
          <Table caption={t('table.caption', { zone })}>
            <THead>
              <tr>
                <Th>{t('table.task')}</Th>
                <Th>{t('table.critical')}</Th>
                <Th>{t('table.status')}</Th>
                <Th>{t('table.planned')}</Th>
                <Th>{t('table.earliestStart')}</Th>
                <Th>{t('table.earliestFinish')}</Th>
                <Th>{t('table.latestStart')}</Th>
                <Th>{t('table.latestFinish')}</Th>
                <Th>{t('table.slack')}</Th>
              </tr>
            </THead>
            <TBody>
              {s.tasks.map((task) => (
                <Tr key={task.id}>
                  <th scope="row" className="px-3 py-2 font-medium text-gray-900">
                    {task.name}
                  </th>
                  <Td className={task.critical ? 'font-medium text-red-800' : 'text-gray-700'}>{task.critical ? t('table.yes') : t('table.no')}</Td>
                  <Td className="whitespace-nowrap">
                    {task.status === 'finished' ? t('table.done') : task.status === 'in_progress' ? t('table.inProgress') : t('table.notStarted')}
                  </Td>
                  <Td className="whitespace-nowrap">
                    {clock(ms(task.plannedStart)!)}–{clock(ms(task.plannedFinish)!)}
                  </Td>
                  <Td className="whitespace-nowrap">{clock(ms(task.earliestStart)!)}</Td>
                  <Td className="whitespace-nowrap">{clock(ms(task.earliestFinish)!)}</Td>
                  <Td className="whitespace-nowrap">{clock(ms(task.latestStart)!)}</Td>
                  <Td className="whitespace-nowrap">{clock(ms(task.latestFinish)!)}</Td>
                  <Td className="whitespace-nowrap">{task.status === 'finished' ? '—' : slackText(t, task.slackMinutes)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      </details>
    </section>
  );
}
