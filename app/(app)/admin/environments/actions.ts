'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { toFormState, type FormState } from '@/components/forms/form-state';
import { createEnvironment } from '@/lib/server/environments';
import { environmentValues, movedList } from './form-values';

export async function createEnvironmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = environmentValues(form);
  const t = await getTranslations('admin-environments.actions');
  const result = await createEnvironment(values);
  if (result.ok) revalidatePath('/admin/environments', 'layout');
  const moves = result.ok ? await movedList(result.data.moved) : '';
  return toFormState(result, values, (d) => (moves ? t('createdMoved', { name: d.name, moves }) : t('created', { name: d.name })));
}
