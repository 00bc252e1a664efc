'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import { createUser } from '@/lib/server/users';

export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = {
    email: formText(form, 'email', 300),
    name: formText(form, 'name', 300),
    roles: formList(form, 'roles'),
    teamId: formText(form, 'teamId', 100),
  };
  const t = await getTranslations('admin-users.actions');
  const result = await createUser({ ...values, password: formText(form, 'password', 300) });
  if (result.ok) revalidatePath('/admin/users');
  return toFormState(result, values, (u) => t('created', { email: u.email }));
}
