'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { formatDateTime } from '@/components/format';
import { environmentValues, movedSentence } from '../form-values';
import { addMaintenanceWindow, removeMaintenanceWindow, updateEnvironment, updateMaintenanceWindow } from '@/lib/server/environments';

export async function updateEnvironmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100), ...environmentValues(form), version: formText(form, 'version', 20) };
  const original = formText(form, 'originalName', 200);
  const result = await updateEnvironment(values);
  if (result.ok) {
    revalidatePath('/admin/environments', 'layout');
    if (result.data.name !== original) redirect(`/admin/environments/${encodeURIComponent(result.data.name)}?renamed=1`);
  }
  return toFormState(result, values, (d) => 'Changes saved.' + movedSentence(d.moved));
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

function saved(verb: string, label: string, timezone: string) {
  return (d: { description: string; next: { start: string }[] }) =>
    `${verb} “${label.trim()}”: ${d.description}.` +
    (d.next.length ? ` Next: ${d.next.map((o) => formatDateTime(o.start, timezone)).join('; ')}.` : ' It has no upcoming occurrence.');
}

export async function addWindowAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { environmentId: formText(form, 'environmentId', 100), ...windowValues(form) };
  const result = await addMaintenanceWindow(values);
  if (result.ok) revalidatePath('/admin/environments', 'layout');
  return toFormState(result, values, saved('Added', values.label, values.timezone));
}

export async function updateWindowAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100), version: formText(form, 'version', 200), ...windowValues(form) };
  const result = await updateMaintenanceWindow(values);
  if (result.ok) revalidatePath('/admin/environments', 'layout');
  return toFormState(result, values, saved('Saved', values.label, values.timezone));
}

export async function removeWindowAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await removeMaintenanceWindow({ id: formText(form, 'id', 100) });
  if (result.ok) revalidatePath('/admin/environments', 'layout');
  return toFormState(result, {}, 'The window was removed.');
}
