import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { CSSProperties } from 'react';
import { eventTone, FREEZE_STYLE } from '@/components/calendar/tones';
import { cx } from '@/components/ui/cx';
import { releaseHref } from '@/lib/domain/release-links';
import type { TimelineFreeze, TimelineGroup, TimelineGroupBy, TimelinePeriod } from '@/lib/domain/timeline';
import { barLabel, barNotes, groupName, timelineTitle, weekLabel, windowText } from './timeline-format';
import { useStatusWords } from '@/components/i18n/status-words';
import type { Locale } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';

// The Gantt-like chart: a label column and a track per row; bars, freeze bands, week
// lines and the today line are placed in percent of the period (lib/domain/timeline.ts),
// so the chart only needs a minimum width per day and scrolls inside its own focusable
// region on a narrow screen. Every bar is a link to the release with the window, status,
// conflicts and freezes in its accessible name; colour is never the only signal (the
// status is written in the bar, conflicts carry ⚑ and freezes ❄).

const LANE_REM = 1.75;
/** Minimum width of a day by span: a 2-week chart has room to write in the bars. */
const DAY_REM: Record<number, number> = { 2: 4, 4: 2.25, 8: 1.25, 12: 0.9 };

/** Positions a box over the track column (the label column's width is --label). */
const overTrack = (left: number, width?: number): CSSProperties => ({
  left: `calc(var(--label) + (100% - var(--label)) * ${(left / 100).toFixed(5)})`,
  ...(width === undefined ? {} : { width: `calc((100% - var(--label)) * ${(width / 100).toFixed(5)})` }),
});

function FreezeBands({ bands }: { bands: { left: number; width: number; freeze: TimelineFreeze }[] }) {
  return bands.map((b) => (
    <div
      key={b.freeze.id}
      aria-hidden="true"
      className="pointer-events-none absolute inset-y-0 border-x border-blue-300"
      style={{ ...overTrack(b.left, b.width), ...FREEZE_STYLE }}
    />
  ));
}

export function TimelineChart({
  groups,
  freezes,
  period,
  groupBy,
}: {
  groups: TimelineGroup[];
  freezes: { left: number; width: number; freeze: TimelineFreeze }[];
  period: TimelinePeriod;
  groupBy: TimelineGroupBy;
}) {
  const t = useTranslations('timeline');
  const word = useStatusWords();
  const locale = useLocale();
  const zone = period.timezone;
  const minWidth = `calc(var(--label) + ${(DAY_REM[period.weeks] ?? 1) * period.days.length}rem)`;
  return (
    <div
      role="region"
      aria-label={t('chart.label', { period: timelineTitle(period, locale), zone, groupBy })}
      tabIndex={0}
      data-timeline-chart=""
      className="relative overflow-x-auto rounded-md border border-gray-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <div className="relative [--label:9rem] sm:[--label:14rem]" style={{ minWidth }}>
        {/* week lines and today, over every row */}
        {period.weekLabels.map((w) => (
          <div key={w.date} aria-hidden="true" className="pointer-events-none absolute inset-y-0 border-l border-gray-200" style={overTrack(w.left)} />
        ))}
        {period.nowAt !== null ? (
          <div
            aria-hidden="true"
            data-today-line=""
            className="pointer-events-none absolute inset-y-0 z-[15] border-l-2 border-red-600"
            style={overTrack(period.nowAt)}
          />
        ) : null}

        {/* axis: weeks and days */}
        <div className="grid grid-cols-[var(--label)_1fr] border-b border-gray-200 bg-white text-xs text-gray-800">
          <div className="sticky left-0 z-20 bg-white px-2 py-1 font-semibold">{t('chart.release')}</div>
          <div className="relative h-10">
            {period.weekLabels.map((w) => (
              <div key={w.date} className="absolute top-0 truncate px-1 font-medium" style={{ left: `${w.left}%`, width: `${w.width}%` }}>
                {weekLabel(w.date, locale, t)}
              </div>
            ))}
            {period.days.map((d, i) => (
              <div
                key={d.date}
                aria-hidden="true"
                className={cx('absolute bottom-0 text-center text-[0.65rem] text-gray-700', d.isToday && 'font-bold text-red-800')}
                style={{ left: `${(i / period.days.length) * 100}%`, width: `${100 / period.days.length}%` }}
              >
                {period.weeks <= 4 || d.weekday === 1 ? d.date.slice(8).replace(/^0/, '') : ''}
              </div>
            ))}
            {period.nowAt !== null ? (
              <span
                className="absolute top-4 z-10 -translate-x-1/2 rounded bg-red-700 px-1 text-[0.65rem] font-semibold text-white"
                style={{ left: `${period.nowAt}%` }}
              >
                {t('chart.today')}
              </span>
            ) : null}
          </div>
        </div>

        {/* freezes: one named band each */}
        {freezes.length ? (
          <div className="relative grid grid-cols-[var(--label)_1fr] border-b border-gray-200 bg-blue-50/40">
            <div className="sticky left-0 z-20 bg-blue-50 px-2 py-1 text-xs font-semibold text-gray-900">
              <span aria-hidden="true">❄ </span>
              {t('chart.freezes')}
            </div>
            <ul aria-label={t('chart.freezesLabel')} className="relative" style={{ height: `${Math.min(freezes.length, 4) * 1.5 + 0.25}rem` }}>
              {freezes.map((b, i) => (
                <li
                  key={b.freeze.id}
                  className="absolute truncate rounded-sm border border-blue-400 px-1 text-[0.7rem] leading-5 text-blue-950"
                  style={{ left: `${b.left}%`, width: `${b.width}%`, top: `${(i % 4) * 1.5 + 0.125}rem`, ...FREEZE_STYLE }}
                  title={t('chart.freezeTitle', { name: b.freeze.name, window: windowText(b.freeze.start, b.freeze.end, zone, locale) })}
                >
                  <span aria-hidden="true">❄ </span>
                  {b.freeze.name}
                  <span className="sr-only">
                    {t('chart.freezeWhere', {
                      window: windowText(b.freeze.start, b.freeze.end, zone, locale),
                      environments: b.freeze.environments.join(', '),
                      every: b.freeze.environments.length ? 'no' : 'yes',
                    })}
                  </span>
                  <span aria-hidden="true" className="text-blue-900">
                    {' '}
                    ({b.freeze.environments.length ? b.freeze.environments.join(', ') : t('chart.all')})
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        <h2 className="sr-only">{t('chart.heading', { groupBy })}</h2>
        {groups.map((g) => (
          <div key={g.key || '-'} data-timeline-group={g.label}>
            <h3 className="relative z-20 border-b border-gray-200 bg-gray-100 py-1 text-sm font-semibold text-gray-900">
              <span className="sticky left-0 inline-block px-2">
                {localize(groupName(g, groupBy, t), locale as Locale)} <span className="font-normal text-gray-700">({g.rows.length})</span>
              </span>
            </h3>
            <div className="relative">
              <FreezeBands bands={g.freezes} />
              <ul>
                {g.rows.map((row) => (
                  <li key={row.releaseId} className="grid grid-cols-[var(--label)_1fr] border-b border-gray-100">
                    <div
                      className="sticky left-0 z-20 truncate border-r border-gray-200 bg-white px-2 py-1 text-xs text-gray-900"
                      title={`${row.key} ${row.title}`}
                    >
                      <span className="font-semibold">{row.key}</span> {row.title}
                    </div>
                    <div className="relative" style={{ height: `${row.lanes * LANE_REM + 0.25}rem` }}>
                      {row.bars.map((b) => {
                        const w = b.window;
                        const conflict = w.conflictsWith.length > 0;
                        return (
                          <Link
                            key={w.id}
                            href={releaseHref(w.key)}
                            title={barLabel(w, zone, locale, t, word)}
                            data-timeline-bar={w.id}
                            className={cx(
                              'absolute z-10 flex items-center gap-0.5 overflow-hidden rounded-sm border-l-4 px-1 text-[0.7rem] leading-tight whitespace-nowrap hover:underline focus-visible:z-30 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700',
                              eventTone(w.status),
                              conflict && 'ring-2 ring-red-600',
                              w.source === 'planned' && 'border-dashed',
                            )}
                            style={{ left: `${b.left}%`, width: `${b.width}%`, top: `${b.lane * LANE_REM + 0.125}rem`, height: `${LANE_REM - 0.25}rem` }}
                          >
                            {b.clippedStart ? <span aria-hidden="true">◂</span> : null}
                            {conflict ? (
                              <span aria-hidden="true" className="font-bold text-red-700">
                                ⚑
                              </span>
                            ) : null}
                            {w.inFreezes.length ? <span aria-hidden="true">❄</span> : null}
                            {/* the name comes from the content: the visible words are part of it, in order (WCAG 2.5.3) */}
                            <span className="sr-only">{`${w.key} ${w.title} — `}</span>
                            <span className={w.environment && g.key !== w.environment.name ? 'font-semibold' : 'sr-only'}>
                              {w.environment?.displayName ?? t('noEnvironment')}
                            </span>
                            <span className="sr-only">{`, ${windowText(w.start, w.end, zone, locale)}; `}</span>
                            {w.environment && g.key !== w.environment.name ? <span aria-hidden="true"> · </span> : null}
                            <span>{word('release', w.status)}</span>
                            {barNotes(w, t) ? <span className="sr-only">{barNotes(w, t)}</span> : null}
                            {b.clippedEnd ? (
                              <span aria-hidden="true" className="ml-auto">
                                ▸
                              </span>
                            ) : null}
                          </Link>
                        );
                      })}
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
