import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { CALENDAR_ZONES } from '@/components/calendar/calendar-toolbar';
import { eventTone, FREEZE_STYLE } from '@/components/calendar/tones';
import { STATUS_ORDER } from '@/components/releases/labels';
import { buttonClasses } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { SelectField, TextField } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { hrefWith, type QueryValue } from '@/components/ui/href';
import { TIMELINE_GROUP_BYS, TIMELINE_SPANS, type TimelinePeriod } from '@/lib/domain/timeline';
import { TIMELINE_RISKS, type TimelineQuery, type TimelineResult } from '@/lib/server/timeline';
import { timelineTitle } from './timeline-format';
import { useStatusWords } from '@/components/i18n/status-words';

/** The query string of the timeline as it is shown (defaults left out, so the URL stays short). */
export function timelineParams(query: TimelineQuery, period: TimelinePeriod, viewerZone = 'UTC'): Record<string, QueryValue> {
  return {
    start: period.start,
    weeks: query.weeks === 4 ? undefined : query.weeks,
    group: query.group === 'team' ? undefined : query.group,
    view: query.view === 'chart' ? undefined : query.view,
    team: query.team,
    environment: query.environment,
    status: query.status === 'active' ? undefined : query.status,
    risk: query.risk,
    q: query.q,
    timezone: period.timezone === viewerZone ? undefined : period.timezone,
  };
}

function Switch({ label, items }: { label: string; items: { href: string; text: ReactNode; current: boolean }[] }) {
  return (
    <div className="flex items-center gap-2">
      <span className="text-sm text-gray-800" aria-hidden="true">
        {label}
      </span>
      <ul className="flex rounded-md border border-gray-300 bg-white p-0.5" aria-label={label}>
        {items.map((it) => (
          <li key={it.href}>
            <Link
              href={it.href}
              aria-current={it.current ? 'true' : undefined}
              className={cx(
                'inline-flex h-7 items-center rounded px-2.5 text-sm font-medium whitespace-nowrap',
                it.current ? 'bg-blue-700 text-white' : 'text-gray-800 hover:bg-gray-100',
              )}
            >
              {it.text}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Previous / today / next, the span, the grouping and chart or list: links that keep the filters. */
export function TimelineNav({ query, period, params }: { query: TimelineQuery; period: TimelinePeriod; params: Record<string, QueryValue> }) {
  const link = (over: Record<string, QueryValue>) => hrefWith('/timeline', { ...params, ...over });
  const t = useTranslations('timeline');
  const locale = useLocale();
  const sr = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;
  return (
    <nav aria-label={t('nav.label')} className="mb-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={link({ start: period.prev })} className={buttonClasses('secondary', 'md')} rel="prev">
          <span aria-hidden="true">←</span> {t.rich('nav.previous', { weeks: period.weeks, sr })}
        </Link>
        <Link href={link({ start: period.today })} className={buttonClasses('secondary', 'md')}>
          {t('nav.today')}
        </Link>
        <Link href={link({ start: period.next })} className={buttonClasses('secondary', 'md')} rel="next">
          {t.rich('nav.next', { weeks: period.weeks, sr })} <span aria-hidden="true">→</span>
        </Link>
        <p className="ml-1 text-base font-semibold text-gray-900" aria-live="polite">
          {timelineTitle(period, locale)}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Switch
          label={t('nav.span')}
          items={TIMELINE_SPANS.map((w) => ({
            href: link({ weeks: w === 4 ? undefined : w }),
            text: t.rich('nav.weeks', { count: w, sr, short: (chunks) => <span aria-hidden="true">{chunks}</span> }),
            current: query.weeks === w,
          }))}
        />
        <Switch
          label={t('nav.groupBy')}
          items={TIMELINE_GROUP_BYS.map((g) => ({
            href: link({ group: g === 'team' ? undefined : g }),
            text: t(`groupBy.${g}`),
            current: query.group === g,
          }))}
        />
        <Switch
          label={t('nav.showAs')}
          items={[
            { href: link({ view: undefined }), text: t('nav.chart'), current: query.view === 'chart' },
            { href: link({ view: 'list' }), text: t('nav.list'), current: query.view === 'list' },
          ]}
        />
      </div>
    </nav>
  );
}

const FILTER_GRID = 'sm:grid-cols-2 lg:grid-cols-[repeat(6,minmax(8rem,1fr))_auto] lg:items-end';

/** Team, environment, status, risk, text and time zone: a GET form that keeps period and layout. */
export function TimelineFilters({ query, period, options }: { query: TimelineQuery; period: TimelinePeriod; options: TimelineResult['options'] }) {
  const zones = CALENDAR_ZONES.includes(period.timezone) ? CALENDAR_ZONES : [period.timezone, ...CALENDAR_ZONES];
  const active = !!(query.team || query.environment || query.status !== 'active' || query.risk || query.q || period.timezone !== 'UTC');
  const t = useTranslations('timeline.filters');
  const word = useStatusWords();
  return (
    <FilterBar action="/timeline" label={t('label')} gridClassName={FILTER_GRID} showClear={active}>
      <input type="hidden" name="start" value={period.start} />
      {query.weeks !== 4 ? <input type="hidden" name="weeks" value={query.weeks} /> : null}
      {query.group !== 'team' ? <input type="hidden" name="group" value={query.group} /> : null}
      {query.view !== 'chart' ? <input type="hidden" name="view" value={query.view} /> : null}
      <TextField id="tl-q" name="q" type="search" label={t('search')} defaultValue={query.q ?? ''} maxLength={100} placeholder={t('searchPlaceholder')} />
      <SelectField
        id="tl-team"
        name="team"
        label={t('team')}
        defaultValue={query.team ?? ''}
        options={[{ value: '', label: t('anyTeam') }, ...options.teams.map((t) => ({ value: t.slug, label: t.name }))]}
      />
      <SelectField
        id="tl-environment"
        name="environment"
        label={t('environment')}
        defaultValue={query.environment ?? ''}
        options={[{ value: '', label: t('everyEnvironment') }, ...options.environments.map((e) => ({ value: e.name, label: e.displayName }))]}
      />
      <SelectField
        id="tl-status"
        name="status"
        label={t('status')}
        defaultValue={query.status}
        options={[
          { value: 'active', label: t('active') },
          { value: 'all', label: t('all') },
        ]}
      />
      <SelectField
        id="tl-risk"
        name="risk"
        label={t('risk')}
        defaultValue={query.risk ?? ''}
        options={[
          { value: '', label: t('anyRisk') },
          ...TIMELINE_RISKS.map((r) => ({ value: r, label: r === 'unassessed' ? t('notAssessed') : word('riskLevel', r) })),
        ]}
      />
      <SelectField id="tl-timezone" name="timezone" label={t('timeZone')} defaultValue={period.timezone} options={zones.map((z) => ({ value: z, label: z }))} />
    </FilterBar>
  );
}

/** What the colours, shading and marks mean (each also written out in the bar's name and the list). */
export function TimelineLegend() {
  const t = useTranslations('timeline.legend');
  const word = useStatusWords();
  return (
    <section aria-labelledby="timeline-legend" className="mt-3 rounded-md border border-gray-200 bg-white p-3">
      <h2 id="timeline-legend" className="mb-2 text-sm font-semibold text-gray-900">
        {t('heading')}
      </h2>
      <ul className="flex flex-wrap gap-1.5 text-xs" aria-label={t('statuses')}>
        {STATUS_ORDER.map((s) => (
          <li key={s} className={cx('rounded-sm border-l-4 px-1.5 py-0.5', eventTone(s))}>
            {word('release', s)}
          </li>
        ))}
      </ul>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-800">
        <li>{t('status')}</li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-4 w-6 rounded-sm border border-blue-300" style={FREEZE_STYLE} />
          {t.rich('freeze', { icon: (chunks) => <span aria-hidden="true">{chunks}</span> })}
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="font-bold text-red-700">
            ⚑
          </span>
          {t('conflict')}
        </li>
        <li>{t('planned')}</li>
        <li>{t.rich('clipped', { icon: (chunks) => <span aria-hidden="true">{chunks}</span> })}</li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-4 border-l-2 border-red-600" />
          {t('now')}
        </li>
      </ul>
    </section>
  );
}
