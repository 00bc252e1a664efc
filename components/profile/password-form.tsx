'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { IDLE, errorsOf, type FormState } from '@/components/forms/form-state';
import { TextField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState<unknown>>;

/**
 * Changing your own password: the current one, the new one twice. Passwords are never sent
 * back to the browser, so after a refusal the fields are empty and each says what to fix.
 */
export function PasswordForm({ action }: { action: Action }) {
  const t = useTranslations('profile.password');
  const [state, formAction] = useActionState(action, IDLE as FormState<unknown>);
  return (
    <form action={formAction} className="grid max-w-2xl grid-cols-1 gap-3 sm:grid-cols-3">
      <TextField
        name="currentPassword"
        type="password"
        label={t('current')}
        autoComplete="current-password"
        required
        maxLength={1024}
        errors={errorsOf(state, 'currentPassword')}
      />
      <TextField
        name="newPassword"
        type="password"
        label={t('new')}
        hint={t('newHint')}
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={256}
        errors={errorsOf(state, 'newPassword')}
      />
      <TextField
        name="confirmPassword"
        type="password"
        label={t('confirm')}
        autoComplete="new-password"
        required
        maxLength={256}
        errors={errorsOf(state, 'confirmPassword')}
      />
      <div className="sm:col-span-3">
        <SubmitButton variant="secondary" pendingText={t('pending')}>
          {t('submit')}
        </SubmitButton>
      </div>
      <div className="text-sm sm:col-span-3">
        <FormMessages state={state} />
      </div>
    </form>
  );
}
