import type { Metadata } from 'next';
import { ClientMessages } from '@/components/i18n/client-messages';
import { PackagePanel } from '../../_sections/package-panel';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'package');
}

export default async function ReleasePackagePage({ params }: PartParams) {
  const { ref } = await releaseForPart((await params).key, 'package');
  // the package forms (components/packages) are client components: they get the packages catalogue here
  return (
    <ClientMessages namespaces={['packages']}>
      <PackagePanel release={ref} />
    </ClientMessages>
  );
}
