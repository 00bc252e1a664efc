'use server';

import { getTranslations } from 'next-intl/server';
import { formText, type FormState } from '@/components/forms/form-state';
import { unsubscribe } from '@/lib/server/notification-preferences';
import { currentRequestMeta } from '@/lib/server/request-meta';

/** The unsubscribe page's button: no session, the token decides whose e-mail and which kind. */
export async function unsubscribeAction(_prev: FormState, form: FormData): Promise<FormState<{ all: boolean }>> {
  const token = formText(form, 't', 600);
  const all = formText(form, 'all', 10) === 'on';
  const result = await unsubscribe(token, { all, meta: await currentRequestMeta() });
  if (!result.ok) return { status: 'error', message: result.message, at: Date.now() };
  const t = await getTranslations('unsubscribe');
  return {
    status: 'ok',
    message: t(result.changed ? 'done' : 'alreadyDone', { email: result.email, label: result.label }),
    data: { all: result.all },
    at: Date.now(),
  };
}
