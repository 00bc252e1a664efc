'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { formatDateTime } from '@/components/format';
import { environmentValues, movedList } from '../form-values';
import { addMaintenanceWindow, removeMaintenanceWindow, updateEnvironment, updateMaintenanceWindow } from '@/lib/server/environments';

export async function updateEnvironmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100), ...environmentValues(form), version: formText(form, 'version', 20) };
  const original = formText(form, 'originalName', 200);
  const t = await getTranslations('admin-environments.actions');
  const result = await updateEnvironment(values);
  if (result.ok) {
    revalidatePath('/admin/environments', 'layout');
    if (result.data.name !== original) redirect(`/admin/environments/${encodeURIComponent(result.data.name)}?renamed=1`);
  }
  const moves = result.ok ? await movedList(result.data.moved) : '';
  return toFormState(result, values, moves ? t('savedMoved', { moves }) : t('saved'));
}

function windowValues(form: FormData) {
  return {
    label: formText(form, 'label', 300),
    kind: formText(form, 'kind', 20),
    startsAt: formText(form, 'startsAt', 64),
    endsAt: formText(form, 'endsAt', 64),
    rrule: formText(form, 'rrule', 1000),
    durationMinutes: formText(form, 'durationMinutes', 20),
    timezone: formText(form, 'timezone', 64),
  };
}

/** The message after adding or saving a window: what it is and its next occurrences, in its own zone. */
async function saved(verb: 'added' | 'saved', label: string, timezone: string) {
  const t = await getTranslations('admin-environments.actions');
  return (d: { description: string; next: { start: string }[] }) => {
    const args = { label: label.trim(), description: d.description };
    if (!d.next.length) return verb === 'added' ? t('windowAddedNone', args) : t('windowSavedNone', args);
    const next = d.next.map((o) => formatDateTime(o.start, timezone)).join('; ');
    return verb === 'added' ? t('windowAdded', { ...args, next }) : t('windowSaved', { ...args, next });
  };
}

export async function addWindowAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { environmentId: formText(form, 'environmentId', 100), ...windowValues(form) };
  const result = await addMaintenanceWindow(values);
  if (result.ok) revalidatePath('/admin/environments', 'layout');
  return toFormState(result, values, await saved('added', values.label, values.timezone));
}

export async function updateWindowAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100), version: formText(form, 'version', 200), ...windowValues(form) };
  const result = await updateMaintenanceWindow(values);
  if (result.ok) revalidatePath('/admin/environments', 'layout');
  return toFormState(result, values, await saved('saved', values.label, values.timezone));
}

export async function removeWindowAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('admin-environments.actions');
  const result = await removeMaintenanceWindow({ id: formText(form, 'id', 100) });
  if (result.ok) revalidatePath('/admin/environments', 'layout');
  return toFormState(result, {}, t('windowRemoved'));
}
