'use server';

import { revalidatePart } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { confirmFreezeOverride, refuseFreezeOverride, requestFreezeOverride } from '@/lib/server/freezes';

const refresh = (key: string) => revalidatePart(key, 'schedule');

export async function requestFreezeOverrideAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = {
    releaseKey: formText(form, 'releaseKey', 20),
    freezeId: formText(form, 'freezeId', 100),
    environmentName: formText(form, 'environmentName', 100),
    reason: formText(form, 'reason', 4000),
  };
  const result = await requestFreezeOverride(values);
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(
    result,
    values,
    (d) => `Requested an override of “${d.freeze}” in ${d.environment}. Another holder of the override permission must now confirm it.`,
  );
}

export async function confirmFreezeOverrideAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await confirmFreezeOverride({ id: formText(form, 'id', 100) });
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(result, {}, (d) =>
    d.status === 'granted'
      ? `Override granted for ${d.releaseKey}. A post-release review is now required.`
      : `Your confirmation is recorded. The policy needs ${d.peopleRequired} people, so ${d.stillNeeded} more must confirm before the override is granted.`,
  );
}

export async function refuseFreezeOverrideAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await refuseFreezeOverride({ id: formText(form, 'id', 100) });
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(result, {}, (d) => (d.status === 'withdrawn' ? 'You withdrew your override request.' : 'Override refused: the freeze still applies.'));
}
