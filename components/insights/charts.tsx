import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

// The recharts drawings of /insights (no 'use client': only ./lazy-charts.tsx, a client module, imports it) (docs/decisions/043-delivery-metrics.md). Loaded on demand
// by ./lazy-charts.tsx, so recharts stays out of every page's first-load JavaScript. The data is
// computed on the server; these only draw it. The accessible name and the table alternative are
// the server's (components/insights/chart-figure.tsx): the drawing itself is hidden from
// assistive technology and takes no focus.

// The theme's colours (docs/decisions/056-light-and-dark.md): recharts writes some as inline
// styles, where var() applies, and some as SVG attributes, which app/globals.css (.relm-chart)
// overrides with the same variables.
const BLUE = 'var(--color-blue-700)';
const GRID = 'var(--color-gray-200)';
const AXIS = { fontSize: 12, fill: 'var(--color-gray-700)' };
const TOOLTIP = {
  contentStyle: { backgroundColor: 'var(--color-white)', borderColor: 'var(--color-gray-300)', color: 'var(--color-gray-900)' },
  labelStyle: { color: 'var(--color-gray-900)' },
  itemStyle: { color: 'var(--color-gray-900)' },
};

/** Weeks are labelled as room allows, always the first and the last. */
const WEEK_TICKS = 'preserveStartEnd';

/** Axis numbers: whole where they are, else one decimal (never a clipped "2.55"). */
const tickText = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

export interface TrendPoint {
  label: string;
  value: number | null;
}

/** What a chart measures: its values are a count of deployments, hours or a percentage. */
export type TrendUnit = 'deployments' | 'hours' | '%';

export function TrendChartImpl({ data, unit, kind }: { data: TrendPoint[]; unit: TrendUnit; kind: 'bar' | 'line' }) {
  // the words come from the insights catalogue (the page hands it over with <ClientMessages>)
  const t = useTranslations('insights.chart');
  return (
    <ResponsiveContainer width="100%" height={180} className="relm-chart">
      {kind === 'bar' ? (
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid stroke={GRID} vertical={false} />
          {/* a few named categories (the distribution) are all labelled; weeks as room allows */}
          {data.length <= 6 ? (
            // named buckets, all labelled: slanted so they do not run into each other at 390 px
            <XAxis dataKey="label" tick={AXIS} interval={0} angle={-25} textAnchor="end" height={56} />
          ) : (
            <XAxis dataKey="label" tick={AXIS} interval={WEEK_TICKS} minTickGap={16} />
          )}
          <YAxis tick={AXIS} allowDecimals={false} width={48} />
          <Tooltip {...TOOLTIP} formatter={(v) => [t('value', { value: String(v), unit }), '']} separator="" />
          <Bar dataKey="value" fill={BLUE} isAnimationActive={false} />
        </BarChart>
      ) : (
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} interval={WEEK_TICKS} minTickGap={16} />
          <YAxis tick={AXIS} width={48} domain={[0, 'auto']} tickFormatter={tickText} />
          <Tooltip {...TOOLTIP} formatter={(v) => [v === null || v === undefined ? t('noData') : t('value', { value: String(v), unit }), '']} separator="" />
          <Line type="linear" dataKey="value" stroke={BLUE} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}
