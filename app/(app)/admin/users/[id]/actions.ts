'use server';

import { revalidatePath } from 'next/cache';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import { setUserDisabled, updateUser } from '@/lib/server/users';

export async function updateUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = {
    id: formText(form, 'id', 100),
    name: formText(form, 'name', 300),
    roles: formList(form, 'roles'),
    teamId: formText(form, 'teamId', 100),
    version: formText(form, 'version', 20),
  };
  const result = await updateUser(values);
  if (result.ok) revalidatePath('/admin/users', 'layout');
  return toFormState(result, values, 'Changes saved. If the roles or team changed, their open sessions end on their next request.');
}

export async function setUserDisabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  const disabled = formText(form, 'disabled', 10) === 'true';
  const result = await setUserDisabled({ id: formText(form, 'id', 100), disabled });
  if (result.ok) revalidatePath('/admin/users', 'layout');
  return toFormState(result, {}, disabled ? 'User disabled: they are signed out and cannot sign in.' : 'User enabled: they can sign in again.');
}
