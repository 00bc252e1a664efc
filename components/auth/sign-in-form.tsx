'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusOnError } from '@/components/forms/use-focus-error';

export interface SignInState {
  email?: string;
  error?: string;
  at?: number;
}

/** The id of the sign-in form: the demo accounts (demo-logins.tsx) fill its fields. */
export const SIGN_IN_FORM_ID = 'sign-in-form';

export function SignInForm({
  action,
  autoFocus = true,
}: {
  action: (prev: SignInState, form: FormData) => Promise<SignInState>;
  /** off when the form is not the page's first choice (single sign-on is) */
  autoFocus?: boolean;
}) {
  const t = useTranslations('sign-in.form');
  const [state, formAction] = useActionState(action, {});
  // the email is kept after a failure: the password is what to type again
  const formRef = useFocusOnError(state, 'password');
  return (
    <form ref={formRef} id={SIGN_IN_FORM_ID} action={formAction} className="space-y-4" noValidate>
      <FormError key={state.at}>{state.error}</FormError>
      <TextField
        name="email"
        label={t('email')}
        type="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        required
        maxLength={254}
        defaultValue={state.email ?? ''}
        autoFocus={autoFocus}
      />
      <TextField name="password" label={t('password')} type="password" autoComplete="current-password" required maxLength={1024} />
      <SubmitButton className="w-full" pendingText={t('pending')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
