'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePart } from './_lib/revalidate';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import { addPlanTask, finishPlanTask, removePlanTask, startPlanTask, updatePlanTask } from '@/lib/server/plan';

function taskValues(form: FormData) {
  return {
    name: formText(form, 'name', 500),
    ownerId: formText(form, 'ownerId', 100),
    estimateMinutes: formText(form, 'estimateMinutes', 20),
    dependsOn: formList(form, 'dependsOn', 200),
  };
}

const refresh = (key: string) => revalidatePart(key, 'plan');

export async function addPlanTaskAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.plan');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { ...taskValues(form), releaseKey };
  const result = await addPlanTask(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, t('added', { name: values.name.trim() }));
}

export async function updatePlanTaskAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.plan');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { ...taskValues(form), taskId: formText(form, 'taskId', 100) };
  const result = await updatePlanTask(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, t('saved', { name: values.name.trim() }));
}

export async function removePlanTaskAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.plan');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { taskId: formText(form, 'taskId', 100) };
  const result = await removePlanTask(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, t('removed'));
}

export async function startPlanTaskAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.plan');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { taskId: formText(form, 'taskId', 100) };
  const result = await startPlanTask(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, t('started'));
}

export async function finishPlanTaskAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.plan');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { taskId: formText(form, 'taskId', 100) };
  const result = await finishPlanTask(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, t('finished'));
}
