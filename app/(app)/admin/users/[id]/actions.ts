'use server';

import { revalidatePath } from 'next/cache';
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

export async function endUserSessionsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { userId: formText(form, 'id', 100) };
  const result = await endUserSessions(values);
  if (result.ok) revalidatePath('/admin/users', 'layout');
  return toFormState(result, values, (d) => (d.ended === 1 ? 'Ended 1 session.' : `Ended ${d.ended} sessions.`));
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await resetPassword({ id: formText(form, 'id', 100), password: formText(form, 'password', 300) });
  if (result.ok) revalidatePath('/admin/users', 'layout');
  // the password is never sent back to the form
  return toFormState(result, {}, (d) => `New password set for ${d.email}; ${d.sessionsEnded === 1 ? '1 session' : `${d.sessionsEnded} sessions`} ended.`);
}
