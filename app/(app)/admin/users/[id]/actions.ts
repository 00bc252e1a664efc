'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import { resetPassword, setUserDisabled, updateUser } from '@/lib/server/users';
import { endUserSessions } from '@/lib/server/sessions';

export async function updateUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = {
    id: formText(form, 'id', 100),
    name: formText(form, 'name', 300),
    roles: formList(form, 'roles'),
    teamId: formText(form, 'teamId', 100),
    version: formText(form, 'version', 20),
  };
  const t = await getTranslations('admin-users.actions');
  const result = await updateUser(values);
  if (result.ok) revalidatePath('/admin/users', 'layout');
  return toFormState(result, values, t('saved'));
}

export async function setUserDisabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  const disabled = formText(form, 'disabled', 10) === 'true';
  const t = await getTranslations('admin-users.actions');
  const result = await setUserDisabled({ id: formText(form, 'id', 100), disabled });
  if (result.ok) revalidatePath('/admin/users', 'layout');
  return toFormState(result, {}, t(disabled ? 'disabled' : 'enabled'));
}

export async function endUserSessionsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { userId: formText(form, 'id', 100) };
  const t = await getTranslations('admin-users.actions');
  const result = await endUserSessions(values);
  if (result.ok) revalidatePath('/admin/users', 'layout');
  return toFormState(result, values, (d) => t('sessionsEnded', { count: d.ended }));
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('admin-users.actions');
  const result = await resetPassword({ id: formText(form, 'id', 100), password: formText(form, 'password', 300) });
  if (result.ok) revalidatePath('/admin/users', 'layout');
  // the password is never sent back to the form
  return toFormState(result, {}, (d) => t('passwordSet', { email: d.email, count: d.sessionsEnded }));
}
