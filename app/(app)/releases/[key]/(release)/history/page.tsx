import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getReleaseHistory } from '@/lib/server/release-views';
import { HistorySection } from '../../_sections/history-section';
import { MetricsPanel } from '../../_sections/metrics-panel';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'history');
}

/** The status history and the release's delivery metrics (lead time, windows, deployments). */
export default async function ReleaseHistoryPage({ params }: PartParams) {
  const { actor, ref } = await releaseForPart((await params).key, 'history');
  const r = await getReleaseHistory(actor, ref);
  if (!r) notFound();
  return (
    <div className="space-y-6">
      <HistorySection r={r} />
      <MetricsPanel release={ref} />
    </div>
  );
}
