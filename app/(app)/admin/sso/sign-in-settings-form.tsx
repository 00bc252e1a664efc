'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { FieldError, TextAreaField } from '@/components/ui/field';
import { fieldBinder } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** The password sign-in switch and the break-glass admins who keep their password when it is off. */
export function SignInSettingsForm({
  action,
  passwordSignIn,
  breakGlassEmails,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  passwordSignIn: boolean;
  breakGlassEmails: string;
}) {
  const t = useTranslations('admin-sso.settingsForm');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const bind = fieldBinder(state);
  const failed = state.status === 'error';
  const checked = failed ? state.values?.passwordSignIn === 'on' : passwordSignIn;
  const passwordErrors = errorsOf(state, 'passwordSignIn');
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3" aria-labelledby="password-sign-in-heading">
      <FormMessages state={state} />
      <div>
        <div className="flex items-center gap-2">
          <input
            // remount after a refusal so the box shows what was submitted
            key={String(checked)}
            id="passwordSignIn"
            name="passwordSignIn"
            type="checkbox"
            defaultChecked={checked}
            aria-invalid={passwordErrors?.length ? true : undefined}
            aria-describedby={passwordErrors?.length ? 'passwordSignIn-error' : undefined}
            className="size-4 rounded border-gray-400 accent-blue-700"
          />
          <label htmlFor="passwordSignIn" className="text-sm font-medium text-gray-900">
            {t('passwordSignIn')}
          </label>
        </div>
        <FieldError id="passwordSignIn" errors={passwordErrors} />
      </div>
      <TextAreaField {...bind('breakGlassEmails', breakGlassEmails)} label={t('breakGlass')} rows={3} maxLength={5000} hint={t('breakGlassHint')} />
      <SubmitButton pendingText={t('saving')}>{t('submit')}</SubmitButton>
    </form>
  );
}
