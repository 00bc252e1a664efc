import type { Metadata } from 'next';
import { AnnouncementPanel } from '../../_sections/announcement-panel';
import { HandoverPanel } from '../../_sections/handover-panel';
import { ReviewPanel } from '../../_sections/review-panel';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'handover');
}

/** The handover to operations, the announcement for users and the post-release review. */
export default async function ReleaseHandoverPage({
  params,
  searchParams,
}: PartParams & { searchParams?: Promise<Record<string, string | string[] | undefined>> }) {
  const { ref, header } = await releaseForPart((await params).key, 'handover');
  const fromNotes = (await searchParams)?.draft === 'notes';
  return (
    <div className="space-y-6">
      <HandoverPanel release={ref} timezone={header.timezone} />
      <AnnouncementPanel release={ref} timezone={header.timezone} fromNotes={fromNotes} />
      <ReviewPanel release={ref} timezone={header.timezone} />
    </div>
  );
}
