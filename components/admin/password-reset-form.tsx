'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, type FormState } from '@/components/forms/form-state';
import { TextField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusOnError } from '@/components/forms/use-focus-error';

/** An admin sets a new password for a user; every session of that user ends. */
export function PasswordResetForm({
  action,
  userId,
  passwordMinLength,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  userId: string;
  passwordMinLength: number;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-md space-y-3" aria-labelledby="reset-password-heading">
      <FormMessages state={state} />
      <input type="hidden" name="id" value={userId} />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={passwordMinLength}
        hint={`At least ${passwordMinLength} characters. Every session of this user ends; share the password with them privately.`}
        errors={errorsOf(state, 'password')}
      />
      <SubmitButton pendingText="Setting…">Set new password</SubmitButton>
    </form>
  );
}
