import type { Metadata } from 'next';
import { DeploymentsPanel } from '../../_sections/deployments-panel';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'deployments');
}

export default async function ReleaseDeploymentsPage({ params }: PartParams) {
  const { ref, header } = await releaseForPart((await params).key, 'deployments');
  return <DeploymentsPanel release={ref} timezone={header.timezone} />;
}
