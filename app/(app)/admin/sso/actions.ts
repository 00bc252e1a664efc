'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import { createGroupMapping, deleteGroupMapping, updateSignInSettings } from '@/lib/server/sso-admin';

const PAGE = '/admin/sso';

export async function createGroupMappingAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = {
    group: formText(form, 'group', 300),
    roles: formList(form, 'roles', 10),
    teamId: formText(form, 'teamId', 100),
    priority: formText(form, 'priority', 20),
  };
  const t = await getTranslations('admin-sso.actions');
  const result = await createGroupMapping({ ...values, priority: values.priority.trim() || undefined });
  if (result.ok) revalidatePath(PAGE);
  return toFormState(result, values, t('mapped', { group: values.group.trim() }));
}

export async function deleteGroupMappingAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100) };
  const t = await getTranslations('admin-sso.actions');
  const result = await deleteGroupMapping(values);
  if (result.ok) revalidatePath(PAGE);
  return toFormState(result, values, t('deleted'));
}

export async function updateSignInSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { passwordSignIn: formText(form, 'passwordSignIn', 10), breakGlassEmails: formText(form, 'breakGlassEmails', 5_000) };
  const t = await getTranslations('admin-sso.actions');
  const result = await updateSignInSettings({ passwordSignIn: values.passwordSignIn === 'on', breakGlassEmails: values.breakGlassEmails });
  if (result.ok) revalidatePath(PAGE);
  return toFormState(result, values, (d) => t(d.passwordSignIn ? 'passwordsOn' : 'passwordsOff'));
}
