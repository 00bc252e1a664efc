import type { Metadata } from 'next';
import { PackagePanel } from '../../_sections/package-panel';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'package');
}

export default async function ReleasePackagePage({ params }: PartParams) {
  const { ref } = await releaseForPart((await params).key, 'package');
  return <PackagePanel release={ref} />;
}
