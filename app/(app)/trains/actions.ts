'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import { createTrain, grantLateJoin, refuseLateJoin, updateTrain } from '@/lib/server/trains';

// Release trains (lib/server/trains.ts): creating and editing trains, deciding late joins.

function trainValues(form: FormData) {
  return {
    name: formText(form, 'name', 300),
    description: formText(form, 'description', 2000),
    rrule: formText(form, 'rrule', 1000),
    cron: formText(form, 'cron', 400),
    timezone: formText(form, 'timezone', 64),
    cutoffHours: formText(form, 'cutoffHours', 20),
    environments: formList(form, 'environments', 50),
  };
}

export async function createTrainAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = trainValues(form);
  const result = await createTrain(values);
  if (result.ok) {
    revalidatePath('/trains');
    redirect(`/trains/${result.data.slug}`);
  }
  return toFormState(result, values, '');
}

export async function updateTrainAction(_prev: FormState, form: FormData): Promise<FormState> {
  const active = formList(form, 'active', 2).includes('true') ? 'true' : 'false';
  const values = { id: formText(form, 'id', 100), version: formText(form, 'version', 20), ...trainValues(form), active };
  const result = await updateTrain(values);
  if (result.ok) {
    revalidatePath('/trains', 'layout');
    redirect(`/trains/${result.data.slug}`);
  }
  return toFormState(result, { ...values, active: active === 'true' ? ['true'] : [] }, '');
}

export async function grantLateJoinAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100) };
  const result = await grantLateJoin(values);
  if (result.ok) revalidatePath('/trains', 'layout');
  const t = await getTranslations('trains.actions');
  return toFormState(result, values, (d) => t('granted', { key: d.releaseKey }));
}

export async function refuseLateJoinAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100) };
  const result = await refuseLateJoin(values);
  if (result.ok) revalidatePath('/trains', 'layout');
  const t = await getTranslations('trains.actions');
  return toFormState(result, values, (d) => t('refused', { key: d.releaseKey, status: d.status }));
}
