'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { PREFERENCE_KINDS } from '@/lib/domain/notification-preferences';
import { resetNotificationPreferences, saveNotificationPreferences } from '@/lib/server/notification-preferences';

const PATH = '/profile/notifications';

/**
 * Every kind on the page: "inApp:<kind>" (a checkbox) and "email:<kind>" (off, immediate,
 * digest). A kind the page did not show this person (sent to admins only) is left as it is.
 */
export async function saveNotificationPreferencesAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values: Record<string, string> = {};
  const choices = PREFERENCE_KINDS.filter((kind) => formText(form, `email:${kind}`, 20) !== '').map((kind) => {
    const inApp = formText(form, `inApp:${kind}`, 10);
    const email = formText(form, `email:${kind}`, 20);
    values[`inApp:${kind}`] = inApp;
    values[`email:${kind}`] = email;
    return { kind, inApp: inApp === 'on', email };
  });
  const result = await saveNotificationPreferences({ choices });
  if (result.ok) revalidatePath(PATH);
  const t = await getTranslations('notifications.settings');
  return toFormState(result, values, (d) => (d.changed ? t('saved', { count: d.changed }) : t('nothingChanged')));
}

export async function resetNotificationPreferencesAction(_prev: FormState, _form: FormData): Promise<FormState> {
  const result = await resetNotificationPreferences({});
  if (result.ok) revalidatePath(PATH);
  const t = await getTranslations('notifications.settings');
  return toFormState(result, {}, (d) => (d.removed ? t('backToDefaults') : t('alreadyDefaults')));
}
