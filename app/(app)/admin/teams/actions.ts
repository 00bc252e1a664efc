'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { toFormState, type FormState } from '@/components/forms/form-state';
import { createTeam } from '@/lib/server/teams';
import { teamValues } from './form-values';

export async function createTeamAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = teamValues(form);
  const t = await getTranslations('admin-teams.actions');
  const result = await createTeam(values);
  if (result.ok) revalidatePath('/admin/teams');
  return toFormState(result, values, t('created', { name: values.name.trim() }));
}
