'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { deleteFilter, renameFilter, saveFilter } from '@/lib/server/saved-filters';

// The release list's saved filters (docs/decisions/048-search-and-saved-filters.md).

export async function saveFilterAction(_prev: FormState, form: FormData): Promise<FormState<{ id: string; name: string; query: string }>> {
  const t = await getTranslations('releases.savedFilters');
  const values = { name: formText(form, 'name', 200), query: formText(form, 'query', 4000) };
  const result = await saveFilter(values);
  if (result.ok) revalidatePath('/releases');
  return toFormState(result, values, (d) => t('saved', { name: d.name }));
}

export async function renameFilterAction(_prev: FormState, form: FormData): Promise<FormState<{ name: string; changed: boolean }>> {
  const t = await getTranslations('releases.savedFilters');
  const values = { id: formText(form, 'id', 100), name: formText(form, 'name', 200) };
  const result = await renameFilter(values);
  if (result.ok) revalidatePath('/releases');
  return toFormState(result, values, (d) => (d.changed ? t('renamed', { name: d.name }) : t('unchanged')));
}

export async function deleteFilterAction(_prev: FormState, form: FormData): Promise<FormState<{ name: string }>> {
  const t = await getTranslations('releases.savedFilters');
  const values = { id: formText(form, 'id', 100) };
  const result = await deleteFilter(values);
  if (result.ok) revalidatePath('/releases');
  return toFormState(result, values, (d) => t('deleted', { name: d.name }));
}
