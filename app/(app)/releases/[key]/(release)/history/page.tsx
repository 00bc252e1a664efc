import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getReleaseHistory } from '@/lib/server/release-views';
import { HistorySection } from '../../_sections/history-section';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'history');
}

export default async function ReleaseHistoryPage({ params }: PartParams) {
  const { actor, ref } = await releaseForPart((await params).key, 'history');
  const r = await getReleaseHistory(actor, ref);
  if (!r) notFound();
  return <HistorySection r={r} />;
}
