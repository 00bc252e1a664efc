'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { IDLE, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { EMAIL_MODES } from '@/lib/domain/email-modes';
import type { MyPreferencesDto } from '@/lib/server/notification-preferences';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** One row per kind, grouped: in Relm (on/off) and e-mail (off, immediately, daily digest). */
export function PreferencesForm({ prefs, save, reset }: { prefs: MyPreferencesDto; save: Action; reset: Action }) {
  const t = useTranslations('notifications.settings');
  const [state, formAction] = useActionState(save, IDLE);
  const [resetState, resetAction] = useActionState(reset, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  return (
    <div className="space-y-4">
      <form ref={formRef} action={formAction} noValidate className="space-y-5">
        <FormMessages state={state} />
        {prefs.groups.map((g) => (
          <fieldset key={g.title} className="rounded-md border border-gray-200 bg-white p-3">
            <legend className="px-1 text-sm font-semibold text-gray-900">{g.title}</legend>
            <ul className="divide-y divide-gray-100">
              {g.kinds.map((k) => {
                const id = k.kind.replace(/[^a-z0-9]+/gi, '-');
                const inApp = failed ? valueOf(state, `inApp:${k.kind}`) === 'on' : k.choice.inApp;
                const email = failed ? valueOf(state, `email:${k.kind}`, k.choice.email) : k.choice.email;
                return (
                  <li key={k.kind} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-2">
                    <div className="min-w-0 flex-1 basis-56">
                      <p id={`${id}-label`} className="text-sm font-medium text-gray-900">
                        {k.label}
                        {k.custom ? <span className="ml-2 text-xs font-normal text-gray-700">{t('changed')}</span> : null}
                      </p>
                      <p id={`${id}-hint`} className="text-xs text-gray-700">
                        {t('hint', { description: k.description, inApp: k.default.inApp ? 'yes' : 'no', email: k.default.email })}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center gap-4">
                      <div className="flex items-center gap-1.5">
                        <input
                          // remount after a refused save, so the box shows what was submitted
                          key={`${state.at ?? 0}-${inApp}`}
                          id={`${id}-inapp`}
                          type="checkbox"
                          name={`inApp:${k.kind}`}
                          defaultChecked={inApp}
                          aria-describedby={`${id}-label`}
                          className="size-4 rounded border-gray-400 accent-blue-700"
                        />
                        <label htmlFor={`${id}-inapp`} className="text-sm text-gray-900">
                          {t.rich('inApp', { label: k.label, sr: (c) => <span className="sr-only">{c}</span> })}
                        </label>
                      </div>
                      <div className="flex items-center gap-1.5">
                        <label htmlFor={`${id}-email`} className="text-sm text-gray-900">
                          {t.rich('email', { label: k.label, sr: (c) => <span className="sr-only">{c}</span> })}
                        </label>
                        <select
                          key={`${state.at ?? 0}-${email}`}
                          id={`${id}-email`}
                          name={`email:${k.kind}`}
                          defaultValue={email}
                          aria-describedby={`${id}-label`}
                          className="h-8 rounded-md border border-gray-300 bg-white py-0 pr-8 pl-2 text-sm text-gray-900 focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none"
                        >
                          {EMAIL_MODES.filter((m) => !(k.security && m === 'off')).map((m) => (
                            <option key={m} value={m}>
                              {t(`emailModes.${m}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                    </div>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}
        <SubmitButton pendingText={t('saving')}>{t('save')}</SubmitButton>
      </form>
      <form action={resetAction} className="flex flex-wrap items-center gap-3 border-t border-gray-200 pt-4">
        <SubmitButton variant="secondary" pendingText={t('resetting')}>
          {t('reset')}
        </SubmitButton>
        <p className="text-xs text-gray-700">{prefs.customCount ? t('customCount', { count: prefs.customCount }) : t('followDefaults')}</p>
        <div className="basis-full">
          <FormMessages state={resetState} />
        </div>
      </form>
    </div>
  );
}
