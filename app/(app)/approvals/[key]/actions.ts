'use server';

import { revalidatePath } from 'next/cache';
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
  const result = await decideApproval(values);
  // a stale digest means the scope changed: show the card with the new package
  if (result.ok || result.code === 'stale') refresh(values.releaseKey);
  return toFormState(result, values, (d) => {
    if (d.decision === 'reject') return `You rejected ${d.key}. It went back to its owner with your reasons.`;
    if (d.approved) return `You approved ${d.key}. That completed the required approvals: ${d.key} is now approved and can be scheduled.`;
    return `You approved ${d.key}. It is not approved yet: other required approvals are still missing.`;
  });
}

export async function confirmEmergencyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = {
    releaseKey: formText(form, 'releaseKey', 40),
    comment: formText(form, 'comment', 10_000),
    packageDigest: formText(form, 'packageDigest', 200),
  };
  const result = await confirmEmergency(values);
  if (result.ok || result.code === 'stale') refresh(values.releaseKey);
  return toFormState(result, values, (d) =>
    d.approved ? `You confirmed the emergency. ${d.key} is now approved.` : `You confirmed the emergency. ${d.key} still needs other approvals.`,
  );
}
