'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import {
  createChatChannel,
  createWebhook,
  deleteChatChannel,
  deleteWebhook,
  redeliver,
  updateChatChannel,
  updateWebhook,
  type ChatChannelDto,
  type CreatedWebhook,
  type WebhookDto,
} from '@/lib/server/integrations';

const PAGE = '/admin/integrations';

export async function createWebhookAction(_prev: FormState, form: FormData): Promise<FormState<CreatedWebhook>> {
  const values = { url: formText(form, 'url', 2100), description: formText(form, 'description', 300), events: formList(form, 'events', 40) };
  const t = await getTranslations('admin-integrations.actions');
  const result = await createWebhook(values);
  if (result.ok) revalidatePath(PAGE);
  return toFormState(result, values, (d) => t('registered', { name: d.webhook.description || d.webhook.url }));
}

export async function setWebhookEnabledAction(_prev: FormState, form: FormData): Promise<FormState<WebhookDto>> {
  const values = { id: formText(form, 'id', 100), enabled: formText(form, 'enabled', 10) };
  const t = await getTranslations('admin-integrations.actions');
  const result = await updateWebhook({ id: values.id, enabled: values.enabled === 'true' });
  if (result.ok) revalidatePath(PAGE, 'layout');
  return toFormState(result, values, (d) => (d.status === 'active' ? t('webhookEnabled') : t('webhookPaused')));
}

export async function deleteWebhookAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100) };
  const t = await getTranslations('admin-integrations.actions');
  const result = await deleteWebhook(values);
  if (result.ok) revalidatePath(PAGE);
  return toFormState(result, values, t('webhookDeleted'));
}

export async function redeliverAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { deliveryId: formText(form, 'id', 100) };
  const t = await getTranslations('admin-integrations.actions');
  const result = await redeliver(values);
  if (result.ok) revalidatePath(PAGE, 'layout');
  return toFormState(result, values, t('redelivered'));
}

export async function createChatChannelAction(_prev: FormState, form: FormData): Promise<FormState<ChatChannelDto>> {
  const values = {
    kind: formText(form, 'kind', 10),
    teamId: formText(form, 'teamId', 100),
    name: formText(form, 'name', 200),
    url: formText(form, 'url', 2100),
    events: formList(form, 'events', 40),
  };
  const t = await getTranslations('admin-integrations.actions');
  const result = await createChatChannel(values);
  if (result.ok) revalidatePath(PAGE);
  return toFormState(result, values, (d) => t('connected', { name: d.name }));
}

export async function setChatChannelEnabledAction(_prev: FormState, form: FormData): Promise<FormState<ChatChannelDto>> {
  const values = { id: formText(form, 'id', 100), enabled: formText(form, 'enabled', 10) };
  const t = await getTranslations('admin-integrations.actions');
  const result = await updateChatChannel({ id: values.id, enabled: values.enabled === 'true' });
  if (result.ok) revalidatePath(PAGE, 'layout');
  return toFormState(result, values, (d) => (d.status === 'active' ? t('channelEnabled') : t('channelPaused')));
}

export async function deleteChatChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { id: formText(form, 'id', 100) };
  const t = await getTranslations('admin-integrations.actions');
  const result = await deleteChatChannel(values);
  if (result.ok) revalidatePath(PAGE);
  return toFormState(result, values, t('channelRemoved'));
}
