'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { deleteTeam, updateTeam } from '@/lib/server/teams';
import { teamValues } from '../form-values';

export async function updateTeamAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100), ...teamValues(form), version: formText(form, 'version', 20) };
  const t = await getTranslations('admin-teams.actions');
  const result = await updateTeam(values);
  if (result.ok) revalidatePath('/admin/teams', 'layout');
  return toFormState(result, values, t('saved'));
}

export async function deleteTeamAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await deleteTeam({ id: formText(form, 'id', 100) });
  if (!result.ok) return toFormState(result, {}, '');
  revalidatePath('/admin/teams');
  redirect('/admin/teams?deleted=1');
}
