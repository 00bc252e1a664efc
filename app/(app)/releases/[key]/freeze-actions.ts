'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePart } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { confirmFreezeOverride, refuseFreezeOverride, requestFreezeOverride } from '@/lib/server/freezes';

const refresh = (key: string) => revalidatePart(key, 'schedule');

export async function requestFreezeOverrideAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.freeze');
  const values = {
    releaseKey: formText(form, 'releaseKey', 20),
    freezeId: formText(form, 'freezeId', 100),
    environmentName: formText(form, 'environmentName', 100),
    reason: formText(form, 'reason', 4000),
  };
  const result = await requestFreezeOverride(values);
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(result, values, (d) => t('requested', { freeze: d.freeze, environment: d.environment }));
}

export async function confirmFreezeOverrideAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.freeze');
  const result = await confirmFreezeOverride({ id: formText(form, 'id', 100) });
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(result, {}, (d) =>
    d.status === 'granted' ? t('granted', { key: d.releaseKey }) : t('confirmed', { required: d.peopleRequired, still: d.stillNeeded }),
  );
}

export async function refuseFreezeOverrideAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.freeze');
  const result = await refuseFreezeOverride({ id: formText(form, 'id', 100) });
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(result, {}, (d) => (d.status === 'withdrawn' ? t('withdrawn') : t('refused')));
}
