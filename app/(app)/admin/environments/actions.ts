'use server';

import { revalidatePath } from 'next/cache';
import { toFormState, type FormState } from '@/components/forms/form-state';
import { createEnvironment } from '@/lib/server/environments';
import { environmentValues, movedSentence } from './form-values';

export async function createEnvironmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = environmentValues(form);
  const result = await createEnvironment(values);
  if (result.ok) revalidatePath('/admin/environments', 'layout');
  return toFormState(result, values, (d) => `Created the environment ${d.name}.` + movedSentence(d.moved));
}
