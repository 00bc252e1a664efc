'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState<{ all: boolean }>>;

/** "Stop these e-mails", with the option to stop every e-mail that is not about security. */
export function UnsubscribeForm({ token, all, action }: { token: string; all: boolean; action: Action }) {
  const t = useTranslations('unsubscribe.form');
  const [state, formAction] = useActionState(action, IDLE as FormState<{ all: boolean }>);
  if (state.status === 'ok') return <FormMessages state={state} />;
  return (
    <form action={formAction} className="space-y-3">
      <FormMessages state={state} />
      <input type="hidden" name="t" value={token} />
      {all ? null : (
        <div className="flex items-start gap-2">
          <input id="all" type="checkbox" name="all" className="mt-0.5 size-4 rounded border-gray-400 accent-blue-700" />
          <label htmlFor="all" className="text-sm text-gray-900">
            {t('all')}
          </label>
        </div>
      )}
      <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
    </form>
  );
}
