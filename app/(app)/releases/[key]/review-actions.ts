'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { revalidatePart } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { addActionItem, saveReview, updateActionItem, updateMyActionItemStatus } from '@/lib/server/reviews';

const refresh = (key: string) => {
  if (key) revalidatePart(key, 'handover');
  revalidatePath('/');
};

export async function saveReviewAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.review');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = {
    releaseKey,
    outcome: formText(form, 'outcome', 40),
    objectivesMet: formText(form, 'objectivesMet', 10),
    objectivesNotes: formText(form, 'objectivesNotes', 12_000),
    incidents: formText(form, 'incidents', 12_000),
    wentWell: formText(form, 'wentWell', 12_000),
    wentBadly: formText(form, 'wentBadly', 12_000),
    complete: formText(form, 'intent', 10) === 'complete' ? 'true' : 'false',
  };
  // the editor's view of the row; absent (not a form of ours) means no check
  const seen = form instanceof FormData && form.has('version') ? { version: formText(form, 'version', 20) } : {};
  const result = await saveReview({ ...values, ...seen });
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, (d) => (d.complete ? t('completed') : t('savedDraft')));
}

function itemValues(form: FormData) {
  return {
    title: formText(form, 'title', 400),
    ownerId: formText(form, 'ownerId', 100),
    dueDate: formText(form, 'dueDate', 20),
    status: formText(form, 'status', 20),
  };
}

export async function addActionItemAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.review');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { releaseKey, ...itemValues(form) };
  const result = await addActionItem({ ...values, status: values.status || 'open' });
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, t('itemAdded', { title: values.title.trim() }));
}

export async function updateActionItemAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.review');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { itemId: formText(form, 'itemId', 100), ...itemValues(form) };
  const result = await updateActionItem(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, t('itemSaved', { title: values.title.trim() }));
}

export async function updateMyActionItemStatusAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.review');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { itemId: formText(form, 'itemId', 100), status: formText(form, 'status', 20) };
  const result = await updateMyActionItemStatus(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, (d) => t('itemMarked', { status: d.status }));
}
