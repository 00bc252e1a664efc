import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { getReleaseApprovals } from '@/lib/server/release-views';
import { StandardChangeNote } from '@/components/templates/standard-change-note';
import { getStandardChangeStatus, localizeStandardChange } from '@/lib/server/standard-changes';
import { ApprovalsSection } from '../../_sections/approvals-section';
import { partMetadata, releaseForPart, type PartParams } from '../../_lib/release-page';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'approvals');
}

export default async function ReleaseApprovalsPage({ params }: PartParams) {
  const { actor, ref } = await releaseForPart((await params).key, 'approvals');
  const r = await getReleaseApprovals(actor, ref);
  if (!r) notFound();
  const standard = localizeStandardChange(await getStandardChangeStatus(actor, ref), await getLocale());
  return (
    <>
      <StandardChangeNote s={standard} showTemplate={false} />
      <ApprovalsSection r={r} />
    </>
  );
}
