'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { markAllNotificationsRead, markNotificationRead } from '@/lib/server/notifications';

// The header's unread count lives in the (app) layout: revalidate the layout so
// every page shows the new count, not only this one.

export async function markNotificationReadAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100) };
  const result = await markNotificationRead(values);
  if (result.ok) revalidatePath('/', 'layout');
  const t = await getTranslations('notifications');
  return toFormState(result, values, t('marked'));
}

export async function markAllNotificationsReadAction(_prev: FormState, _form: FormData): Promise<FormState> {
  const result = await markAllNotificationsRead({});
  if (result.ok) revalidatePath('/', 'layout');
  const t = await getTranslations('notifications');
  return toFormState(result, {}, (d) => (d.marked ? t('markedAll', { count: d.marked }) : t('nothingUnread')));
}
