'use client';

import dynamic from 'next/dynamic';
import type { TrendPoint, TrendUnit } from './charts';

// recharts is loaded on demand (decision 025: heavy libraries stay out of the first load).
const Trend = dynamic(() => import('./charts').then((m) => m.TrendChartImpl), {
  ssr: false,
  loading: () => <div className="h-[180px] animate-pulse rounded bg-gray-50" />,
});

export function TrendChart(props: { data: TrendPoint[]; unit: TrendUnit; kind: 'bar' | 'line' }) {
  return <Trend {...props} />;
}
