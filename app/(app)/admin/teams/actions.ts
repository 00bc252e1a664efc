'use server';

import { revalidatePath } from 'next/cache';
import { toFormState, type FormState } from '@/components/forms/form-state';
import { createTeam } from '@/lib/server/teams';
import { teamValues } from './form-values';

export async function createTeamAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = teamValues(form);
  const result = await createTeam(values);
  if (result.ok) revalidatePath('/admin/teams');
  return toFormState(result, values, `Created the team ${values.name.trim()}.`);
}
