import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { cx } from '@/components/ui/cx';
import { hrefWith, type QueryValue } from '@/components/ui/href';
import { placeByDay, type CalendarGrid } from '@/lib/domain/calendar';
import { agendaDays } from '@/lib/domain/calendar-bars';
import { releaseHref } from '@/lib/domain/release-links';
import type { CalendarDensity, CalendarEvent, FreezeOccurrence, MaintenanceOccurrence } from '@/lib/server/calendar';
import { toBars, windowText } from './bar-row';
import { shadesByDay } from './month-grid';
import { longDate, periodTitle } from './period';
import { dayShading, eventTone, freezeSpan } from './tones';
import { useStatusWords } from '@/components/i18n/status-words';

/**
 * The agenda (docs/decisions/053): the month's days in order, each with the freezes and
 * maintenance windows that cover it and the release windows that start on it (each window
 * once, with its whole span; one already running when the month begins is under the 1st),
 * by time. Days with nothing are left out. In a crowded month, a day also says how many
 * more windows touch it and links to its full list.
 */
export function AgendaList({
  grid,
  events,
  freezes,
  maintenance,
  density,
  params,
  id = 'calendar-agenda',
}: {
  grid: CalendarGrid;
  events: CalendarEvent[];
  freezes: FreezeOccurrence[];
  maintenance: MaintenanceOccurrence[];
  density: CalendarDensity;
  params: Record<string, QueryValue>;
  id?: string;
}) {
  const t = useTranslations('calendar');
  const word = useStatusWords();
  const locale = useLocale();
  const all = grid.weeks.flat();
  const indexOf = new Map(all.map((d, i) => [d.date, i]));
  const days = all.filter((d) => d.inPeriod);
  const { freezesByDay, maintenanceByDay } = shadesByDay(days, freezes, maintenance);
  const touching = placeByDay(
    events.map((e) => ({ start: new Date(e.start), end: new Date(e.end) })),
    days,
  ).map((l) => l.length);
  const more = days.map((d, i) => (density.mode === 'dense' ? Math.max(0, (density.counts[indexOf.get(d.date)!] ?? 0) - touching[i]!) : 0));
  const list = agendaDays(toBars(events), days, (i) => freezesByDay[i]!.length > 0 || maintenanceByDay[i]!.length > 0 || more[i]! > 0);
  return (
    <section aria-labelledby={id} data-calendar-view="agenda" className="rounded-md border border-gray-200 bg-white p-2 sm:p-3">
      <h2 id={id} className="mb-2 text-sm font-semibold text-gray-900">
        {t('agendaHeading', { period: periodTitle(grid, locale, t), zone: grid.timezone })}
      </h2>
      {list.length ? (
        <ol className="space-y-3">
          {list.map(({ index, items }) => {
            const d = days[index]!;
            const fz = [...new Map(freezesByDay[index]!.map((f) => [f.freezeId, f])).values()];
            const mw = maintenanceByDay[index]!;
            const headingId = `${id}-${d.date}`;
            return (
              <li key={d.date}>
                <section aria-labelledby={headingId}>
                  <h3
                    id={headingId}
                    className="rounded-sm border-b border-gray-200 px-1 py-0.5 text-sm font-semibold text-gray-900"
                    style={dayShading(fz.length > 0, mw.length > 0)}
                  >
                    <Link href={hrefWith('/calendar', { ...params, view: 'day', date: d.date })} className="hover:underline">
                      <time dateTime={d.date}>{longDate(d.date, locale)}</time>
                    </Link>
                    {d.isToday ? <span className="font-normal"> {t('today')}</span> : null}
                  </h3>
                  {fz.length || mw.length ? (
                    <ul className="mt-1 space-y-0.5">
                      {fz.map((f) => (
                        <li key={f.id} className="rounded-sm bg-blue-100 px-1 text-xs break-words text-blue-900">
                          <span aria-hidden="true">❄ </span>
                          <span className="font-medium">{t('freezeLabel', { name: f.name })}</span>{' '}
                          <span className="tabular-nums">{freezeSpan(f, d, grid.timezone, locale, t)}</span>
                          {f.environments.length ? <span> · {f.environments.join(', ')}</span> : null}
                        </li>
                      ))}
                      {mw.map((m) => (
                        <li key={m.id} data-maintenance={m.id} className="rounded-sm bg-amber-100 px-1 text-xs break-words text-amber-950">
                          <span aria-hidden="true">⚙ </span>
                          <span className="font-medium">{t('maintenanceLabel', { label: m.label })}</span>{' '}
                          <span className="tabular-nums">{freezeSpan(m, d, grid.timezone, locale, t)}</span> · {m.environment.displayName}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {items.length ? (
                    <ol className="mt-1 space-y-1">
                      {items.map(({ e }) => (
                        <li key={e.id}>
                          <Link
                            href={releaseHref(e.key, 'schedule')}
                            data-event={e.id}
                            className={cx(
                              'block rounded-sm border-l-4 px-2 py-1 text-sm leading-snug hover:underline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700',
                              eventTone(e.status),
                              e.conflictsWith.length > 0 && 'ring-1 ring-red-600 ring-inset',
                            )}
                          >
                            <span className="block break-words">
                              {e.conflictsWith.length ? (
                                <span aria-hidden="true" className="font-bold text-red-700">
                                  ⚑{' '}
                                </span>
                              ) : null}
                              <span className="font-semibold">{e.key}</span> {e.title}
                            </span>
                            <span className="block tabular-nums">
                              <span className="sr-only">, </span>
                              {windowText(e, grid.timezone, locale)}
                            </span>
                            <span className="block text-xs">
                              <span className="sr-only">, </span>
                              {e.environment?.displayName ?? t('noEnvironmentYet')} · <span className="font-medium">{word('release', e.status)}</span>
                              {e.inFreezes.length ? ` · ${t('marks.inFreeze', { names: e.inFreezes.join(', ') })}` : ''}
                              {e.conflictsWith.length ? ` · ${t('marks.conflictsWith', { keys: e.conflictsWith.join(', ') })}` : ''}
                            </span>
                          </Link>
                        </li>
                      ))}
                    </ol>
                  ) : null}
                  {more[index]! > 0 ? (
                    <Link href={hrefWith('/calendar', { ...params, view: 'day', date: d.date })} className="link mt-1 flex min-h-6 items-center text-xs">
                      {t.rich('more', { count: more[index]!, day: longDate(d.date, locale), sr: (c) => <span className="sr-only">{c}</span> })}
                    </Link>
                  ) : null}
                </section>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
