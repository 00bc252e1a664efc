import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { ApprovalCard } from '@/components/approvals/approval-card';
import { getApprovalCard } from '@/lib/server/approvals';
import { allows } from '@/lib/server/authz';
import { diffPackage, getPackageView, productionComparison } from '@/lib/server/packages';
import { getSchedule } from '@/lib/server/scheduling';
import { getRelease, lookupRelease } from '@/lib/server/releases';
import { parseReleaseKey } from '@/lib/server/release-ref';
import { listRisks } from '@/lib/server/risks';
import { requireUser } from '@/lib/server/session';
import { releaseHref } from '@/lib/domain/release-parts';
import { CommentForm } from '@/components/discussion/comment-forms';
import { Section } from '@/components/ui/section';
import { addCommentAction } from '../../releases/[key]/comment-actions';
import { confirmEmergencyAction, decideApprovalAction } from './actions';
import { StandardChangeNote } from '@/components/templates/standard-change-note';
import { getStandardChangeStatus } from '@/lib/server/standard-changes';

type Params = { params: Promise<{ key: string }> };

// the key is resolved once per request, shared by the metadata and the page; every
// reader below gets the reference
const loadCard = cache(async (key: string) => {
  const actor = await requireUser();
  const ref = await lookupRelease(actor, key);
  const card = ref && (await getApprovalCard(actor, ref));
  return ref && card ? { ref, card } : null;
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { key } = await params;
  if (parseReleaseKey(key) === null) return { title: 'Approval card not found' };
  const card = (await loadCard(key))?.card;
  return { title: card ? `Approve ${card.releaseKey} ${card.title}` : 'Approval card not found' };
}

export default async function ApprovalCardPage({ params }: Params) {
  const { key } = await params;
  // "rel-12" is a typo of REL-12, not a missing release
  if (parseReleaseKey(key) === null && parseReleaseKey(key.toUpperCase()) !== null) redirect(`/approvals/${key.toUpperCase()}`);
  if (parseReleaseKey(key) === null) notFound();
  const actor = await requireUser();
  const loaded = await loadCard(key);
  if (!loaded) notFound();
  const { ref, card } = loaded;

  const standard = await getStandardChangeStatus(actor, ref);
  const [release, diff, pkg, risks, schedule] = await Promise.all([
    getRelease(actor, ref),
    productionComparison(ref).then((against) => diffPackage(actor, ref, against)),
    getPackageView(actor, ref),
    listRisks(actor, ref),
    getSchedule(actor, ref).catch(() => null),
  ]);
  const me = actor.id;
  const canConfirmEmergency =
    !!card.emergency?.required &&
    !card.emergency.confirmedBy &&
    !!card.emergency.confirmBy &&
    card.status === 'submitted' &&
    allows(actor, 'approval.confirm_emergency') &&
    me !== card.owner.id &&
    me !== card.requester.id &&
    !card.decisions.some((d) => d.approver.id === me && d.state === 'valid');

  // the card says whether the viewer can count for an open requirement; one who may
  // only confirm an emergency (an admin) gets the confirmation form, not the decision form
  const view =
    card.viewerCanDecide && !allows(actor, 'approval.decide')
      ? {
          ...card,
          viewerCanDecide: false,
          viewerCannotDecideBecause: canConfirmEmergency
            ? 'Your roles let you confirm this emergency release (below), not approve or reject it.'
            : 'Approving or rejecting needs the approver or operations role.',
        }
      : card;

  return (
    <ApprovalCard
      card={view}
      release={release}
      diff={diff}
      pkg={pkg}
      risks={risks}
      schedule={schedule}
      decideAction={decideApprovalAction}
      confirmEmergencyAction={confirmEmergencyAction}
      canConfirmEmergency={canConfirmEmergency}
      notice={<StandardChangeNote s={standard} />}
      question={
        allows(actor, 'approval.decide') && allows(actor, 'comment.write') ? (
          <Section id="ask" title="Ask a question">
            <p className="mb-2 text-xs text-gray-700">
              Not sure yet? Ask without rejecting: the question goes to the{' '}
              <Link href={releaseHref(card.releaseKey, 'discussion')} className="link">
                release discussion
              </Link>{' '}
              and the approval stays open.
            </p>
            <CommentForm releaseKey={card.releaseKey} action={addCommentAction} kind="question" idPrefix="question" />
          </Section>
        ) : null
      }
    />
  );
}
