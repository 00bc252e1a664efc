import type { Metadata } from 'next';
import { BackoutPanel } from '../../_sections/backout-panel';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'backout');
}

export default async function ReleaseBackoutPage({ params }: PartParams) {
  const { ref, header } = await releaseForPart((await params).key, 'backout');
  return <BackoutPanel release={ref} timezone={header.timezone} />;
}
