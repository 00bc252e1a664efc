'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { revalidatePart } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { acknowledgeHandover, saveHandover, sendBackHandover } from '@/lib/server/handover';

const refresh = (key: string) => {
  revalidatePart(key, 'handover');
  revalidatePath('/');
};

export async function saveHandoverAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.handover');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = {
    releaseKey,
    whatChanged: formText(form, 'whatChanged', 25_000),
    runbook: formText(form, 'runbook', 25_000),
    monitoring: formText(form, 'monitoring', 25_000),
    knownErrors: formText(form, 'knownErrors', 25_000),
    supportContacts: formText(form, 'supportContacts', 25_000),
    markReady: formText(form, 'intent', 10) === 'ready' ? 'true' : 'false',
  };
  // the editor's view of the row; absent (not a form of ours) means no check
  const seen = form instanceof FormData && form.has('version') ? { version: formText(form, 'version', 20) } : {};
  const result = await saveHandover({ ...values, ...seen });
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, (d) => (d.status === 'ready' ? t('savedReady') : t('savedDraft')));
}

export async function acknowledgeHandoverAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.handover');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { releaseKey };
  const result = await acknowledgeHandover(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, t('acknowledged'));
}

export async function sendBackHandoverAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.handover');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { releaseKey, questions: formText(form, 'questions', 6_000) };
  const result = await sendBackHandover(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, t('sentBack'));
}
