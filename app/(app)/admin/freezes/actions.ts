'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations, getLocale } from 'next-intl/server';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import { formatDateTime } from '@/components/format';
import { createFreezeWindow, setFreezeWindowActive, updateFreezeWindow } from '@/lib/server/freezes';
import { localize } from '@/lib/server/say';

function freezeValues(form: FormData) {
  return {
    name: formText(form, 'name', 300),
    reason: formText(form, 'reason', 2000),
    kind: formText(form, 'kind', 20),
    startsAt: formText(form, 'startsAt', 64),
    endsAt: formText(form, 'endsAt', 64),
    rrule: formText(form, 'rrule', 1000),
    cron: formText(form, 'cron', 400),
    durationMinutes: formText(form, 'durationMinutes', 20),
    timezone: formText(form, 'timezone', 64),
    environments: formList(form, 'environments', 200),
    components: formList(form, 'components', 200),
  };
}

/** The message after creating or saving a freeze: what it is and its next three occurrences, in its own zone. */
async function saved(verb: 'created' | 'saved', timezone: string) {
  const [t, locale] = await Promise.all([getTranslations('admin-freezes.actions'), getLocale()]);
  return (d: { name: string; scope: string; description: string; next: { start: string }[] }) => {
    // the scope (and an unreadable freeze's description) as lib/server/freezes says them, in the person's language
    const args = { name: d.name, scope: localize(d.scope, locale), description: localize(d.description, locale) };
    if (!d.next.length) return verb === 'created' ? t('createdNone', args) : t('savedNone', args);
    const next = d.next
      .slice(0, 3)
      .map((o) => formatDateTime(o.start, timezone))
      .join('; ');
    return verb === 'created' ? t('created', { ...args, next }) : t('saved', { ...args, next });
  };
}

function revalidate() {
  revalidatePath('/admin/freezes', 'layout');
  revalidatePath('/freezes');
}

export async function createFreezeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = freezeValues(form);
  const result = await createFreezeWindow(values);
  if (result.ok) revalidate();
  return toFormState(result, values, await saved('created', values.timezone));
}

export async function updateFreezeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100), version: formText(form, 'version', 20), ...freezeValues(form) };
  const result = await updateFreezeWindow(values);
  if (result.ok) revalidate();
  return toFormState(result, values, await saved('saved', values.timezone));
}

export async function setFreezeActiveAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100), active: formText(form, 'active', 10) };
  const t = await getTranslations('admin-freezes.actions');
  const result = await setFreezeWindowActive(values);
  if (result.ok) revalidate();
  return toFormState(result, values, (d) => t(d.active ? 'activated' : 'deactivated', { name: d.name }));
}
