import type { Metadata } from 'next';
import { HandoverPanel } from '../../_sections/handover-panel';
import { ReviewPanel } from '../../_sections/review-panel';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'handover');
}

/** The handover to operations and the post-release review. */
export default async function ReleaseHandoverPage({ params }: PartParams) {
  const { ref, header } = await releaseForPart((await params).key, 'handover');
  return (
    <div className="space-y-6">
      <HandoverPanel release={ref} timezone={header.timezone} />
      <ReviewPanel release={ref} timezone={header.timezone} />
    </div>
  );
}
