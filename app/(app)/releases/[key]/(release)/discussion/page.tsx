import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDiscussion } from '@/lib/server/comments';
import { DiscussionSection } from '../../_sections/discussion-section';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'discussion');
}

/** The release's discussion thread (issue 15, point 6). */
export default async function ReleaseDiscussionPage({ params }: PartParams) {
  const { actor, ref, header } = await releaseForPart((await params).key, 'discussion');
  const d = await getDiscussion(actor, ref);
  if (!d) notFound();
  return <DiscussionSection releaseKey={ref.key} zone={header.timezone} d={d} />;
}
