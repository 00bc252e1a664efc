'use server';

import { revalidatePath } from 'next/cache';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { createEnvironment } from '@/lib/server/environments';

export async function createEnvironmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = {
    name: formText(form, 'name', 200),
    displayName: formText(form, 'displayName', 300),
    tier: formText(form, 'tier', 40),
    position: formText(form, 'position', 40),
    protected: formText(form, 'protected', 10),
    moveOthers: formText(form, 'moveOthers', 10),
    description: formText(form, 'description', 3000),
  };
  const result = await createEnvironment(values);
  if (result.ok) revalidatePath('/admin/environments', 'layout');
  return toFormState(result, values, (d) =>
    `Created the environment ${d.name}.` + (d.moved.length ? ` Moved ${d.moved.map((m) => `${m.name} to ${m.to}`).join(', ')}.` : ''),
  );
}
