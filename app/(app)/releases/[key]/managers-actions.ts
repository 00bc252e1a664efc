'use server';

import { getTranslations } from 'next-intl/server';
import { revalidateRelease } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { addCoManager, removeCoManager } from '@/lib/server/release-managers';

// Adding and removing co-managers of a release (lib/server/release-managers.ts).

function valuesOf(form: FormData) {
  return { releaseKey: formText(form, 'releaseKey', 20), userId: formText(form, 'userId', 100), version: formText(form, 'version', 20) };
}

export async function addCoManagerAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.managers');
  const values = valuesOf(form);
  const result = await addCoManager(values);
  // the header's edit link and every part's controls follow who manages the release
  if (result.ok) revalidateRelease(result.data.key);
  return toFormState(result, values, (d) => (d.changed ? t('added', { name: d.name, key: d.key }) : t('alreadyAdded', { name: d.name })));
}

export async function removeCoManagerAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.managers');
  const values = valuesOf(form);
  const result = await removeCoManager(values);
  if (result.ok) revalidateRelease(result.data.key);
  return toFormState(result, values, (d) => (d.changed ? t('removed', { name: d.name, key: d.key }) : t('notCoManager', { name: d.name })));
}
