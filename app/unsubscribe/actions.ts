'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { formText, type FormState } from '@/components/forms/form-state';
import { languageOf } from '@/lib/domain/locale';
import { unsubscribe } from '@/lib/server/notification-preferences';
import { localize } from '@/lib/server/say';
import { currentRequestMeta } from '@/lib/server/request-meta';

/** The unsubscribe page's button: no session, the token decides whose e-mail and which kind. */
export async function unsubscribeAction(_prev: FormState, form: FormData): Promise<FormState<{ all: boolean }>> {
  const token = formText(form, 't', 600);
  const all = formText(form, 'all', 10) === 'on';
  const result = await unsubscribe(token, { all, meta: await currentRequestMeta() });
  const locale = await getLocale().then(languageOf);
  if (!result.ok) return { status: 'error', message: localize(result.message, locale), at: Date.now() };
  const t = await getTranslations('unsubscribe');
  return {
    status: 'ok',
    message: t(result.changed ? 'done' : 'alreadyDone', { email: result.email, label: localize(result.label, locale) }),
    data: { all: result.all },
    at: Date.now(),
  };
}
