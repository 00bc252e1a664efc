'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { releaseHref } from '@/lib/domain/release-parts';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { confirmEmergency, decideApproval } from '@/lib/server/approvals';

// Thin: read the form, call the approvals engine, refresh what shows the outcome.
// The header's unread count (notifications to the owner) and the inbox change too,
// so the whole (app) layout is revalidated.

function refresh(key: string) {
  revalidatePath('/', 'layout');
  revalidatePath(`/approvals/${key}`);
  revalidatePath(releaseHref(key, 'approvals'));
}

export async function decideApprovalAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = {
    releaseKey: formText(form, 'releaseKey', 40),
    decision: formText(form, 'decision', 20),
    comment: formText(form, 'comment', 10_000),
    packageDigest: formText(form, 'packageDigest', 200),
  };
  const [result, t] = await Promise.all([decideApproval(values), getTranslations('approvals.outcome')]);
  // a stale digest means the scope changed: show the card with the new package
  if (result.ok || result.code === 'stale') refresh(values.releaseKey);
  return toFormState(result, values, (d) => {
    if (d.decision === 'reject') return t('rejected', { key: d.key });
    if (d.approved) return t('approvedComplete', { key: d.key });
    return t('approvedWaiting', { key: d.key });
  });
}

export async function confirmEmergencyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = {
    releaseKey: formText(form, 'releaseKey', 40),
    comment: formText(form, 'comment', 10_000),
    packageDigest: formText(form, 'packageDigest', 200),
  };
  const [result, t] = await Promise.all([confirmEmergency(values), getTranslations('approvals.outcome')]);
  if (result.ok || result.code === 'stale') refresh(values.releaseKey);
  return toFormState(result, values, (d) => (d.approved ? t('emergencyApproved', { key: d.key }) : t('emergencyWaiting', { key: d.key })));
}
