'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusOnError } from '@/components/forms/use-focus-error';

export interface SignInState {
  email?: string;
  error?: string;
  at?: number;
}

export function SignInForm({
  action,
  autoFocus = true,
}: {
  action: (prev: SignInState, form: FormData) => Promise<SignInState>;
  /** off when the form is not the page's first choice (single sign-on is) */
  autoFocus?: boolean;
}) {
  const [state, formAction] = useActionState(action, {});
  // the email is kept after a failure: the password is what to type again
  const formRef = useFocusOnError(state, 'password');
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormError key={state.at}>{state.error}</FormError>
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        required
        maxLength={254}
        defaultValue={state.email ?? ''}
        autoFocus={autoFocus}
      />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required maxLength={1024} />
      <SubmitButton className="w-full" pendingText="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
