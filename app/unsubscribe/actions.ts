'use server';

import { formText, type FormState } from '@/components/forms/form-state';
import { unsubscribe } from '@/lib/server/notification-preferences';
import { currentRequestMeta } from '@/lib/server/request-meta';

/** The unsubscribe page's button: no session, the token decides whose e-mail and which kind. */
export async function unsubscribeAction(_prev: FormState, form: FormData): Promise<FormState<{ all: boolean }>> {
  const token = formText(form, 't', 600);
  const all = formText(form, 'all', 10) === 'on';
  const result = await unsubscribe(token, { all, meta: await currentRequestMeta() });
  if (!result.ok) return { status: 'error', message: result.message, at: Date.now() };
  return {
    status: 'ok',
    message: result.changed
      ? `Done: ${result.email} no longer receives e-mails about ${result.label}.`
      : `${result.email} already receives no e-mails about ${result.label}.`,
    data: { all: result.all },
    at: Date.now(),
  };
}
