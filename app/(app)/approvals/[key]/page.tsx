import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { ApprovalCard } from '@/components/approvals/approval-card';
import { approvalCardIn, getApprovalCard } from '@/lib/server/approvals';
import { allows } from '@/lib/server/authz';
import { diffPackage, getPackageView, localizeDiffView, localizePackageView, productionComparison } from '@/lib/server/packages';
import { getSchedule, localizeSchedule } from '@/lib/server/scheduling';
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
import { getStandardChangeStatus, localizeStandardChange } from '@/lib/server/standard-changes';
import type { Locale } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
// loading it remembers the risk factors' names (stored in English)
import '@/lib/domain/risk-level';

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
  const t = await getTranslations('approvals.cardPage');
  if (parseReleaseKey(key) === null) return { title: t('notFound') };
  const card = (await loadCard(key))?.card;
  return { title: card ? t('title', { key: card.releaseKey, title: card.title }) : t('notFound') };
}

export default async function ApprovalCardPage({ params }: Params) {
  const { key } = await params;
  // "rel-12" is a typo of REL-12, not a missing release
  if (parseReleaseKey(key) === null && parseReleaseKey(key.toUpperCase()) !== null) redirect(`/approvals/${key.toUpperCase()}`);
  if (parseReleaseKey(key) === null) notFound();
  const actor = await requireUser();
  const loaded = await loadCard(key);
  if (!loaded) notFound();
  const [t, locale] = await Promise.all([getTranslations('approvals.cardPage'), getLocale()]);
  const { ref } = loaded;
  // what lib/server said about the approvals, in the reader's language
  const card = approvalCardIn(loaded.card, locale);

  // the sentences lib/server says (a standard change's note, schedule problems) in the reader's language
  const standard = localizeStandardChange(await getStandardChangeStatus(actor, ref), locale);
  const [release, diff, pkg, risks, schedule] = await Promise.all([
    getRelease(actor, ref),
    // what the diff compares with and the package's problems, in the reader's language
    productionComparison(ref)
      .then((against) => diffPackage(actor, ref, against))
      .then((d) => d && localizeDiffView(d, locale)),
    getPackageView(actor, ref).then((p) => p && localizePackageView(p, locale)),
    listRisks(actor, ref),
    getSchedule(actor, ref)
      .then((s) => localizeSchedule(s, locale))
      .catch(() => null),
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
          viewerCannotDecideBecause: canConfirmEmergency ? t('confirmOnly') : t('needsRole'),
        }
      : card;
  // sentences of lib/domain (risk factors, requirements, separation of duties), said in English
  const said = (text: string) => localize(text, locale as Locale);
  const shown = {
    ...view,
    viewerCannotDecideBecause: view.viewerCannotDecideBecause === null ? null : said(view.viewerCannotDecideBecause),
    riskFactors: view.riskFactors.map((f) => ({ ...f, name: said(f.name), detail: said(f.detail) })),
    requirements: view.requirements.map((q) => ({ ...q, description: said(q.description), unmeetable: q.unmeetable === null ? null : said(q.unmeetable) })),
  };

  return (
    <div lang={locale} className="contents">
      <ClientMessages namespaces={['approvals', 'discussion', 'gates', 'statuses']}>
        <ApprovalCard
          card={shown}
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
              <Section id="ask" title={t('ask.title')}>
                <p className="mb-2 text-xs text-gray-700">
                  {t.rich('ask.body', {
                    link: (c) => (
                      <Link href={releaseHref(card.releaseKey, 'discussion')} className="link">
                        {c}
                      </Link>
                    ),
                  })}
                </p>
                <CommentForm releaseKey={card.releaseKey} action={addCommentAction} kind="question" idPrefix="question" />
              </Section>
            ) : null
          }
        />
      </ClientMessages>
    </div>
  );
}
