'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('admin-users.reset');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-md space-y-3" aria-labelledby="reset-password-heading">
      <FormMessages state={state} />
      <input type="hidden" name="id" value={userId} />
      <TextField
        name="password"
        label={t('password')}
        type="password"
        autoComplete="new-password"
        required
        minLength={passwordMinLength}
        hint={t('hint', { min: passwordMinLength })}
        errors={errorsOf(state, 'password')}
      />
      <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
    </form>
  );
}
