'use server';

import { revalidatePath } from 'next/cache';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { createTeam } from '@/lib/server/teams';

export async function createTeamAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = {
    name: formText(form, 'name', 300),
    slug: formText(form, 'slug', 100),
    description: formText(form, 'description', 2000),
  };
  const result = await createTeam(values);
  if (result.ok) revalidatePath('/admin/teams');
  return toFormState(result, values, `Created the team ${values.name.trim()}.`);
}
