'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { CheckboxGroup, SelectField, TextField, type SelectOption } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusOnError } from '@/components/forms/use-focus-error';

export function UserCreateForm({
  action,
  roleOptions,
  teamOptions,
  passwordMinLength,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  roleOptions: SelectOption[];
  teamOptions: SelectOption[];
  passwordMinLength: number;
}) {
  const t = useTranslations('admin-users.create');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const bind = fieldBinder(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3" aria-labelledby="create-user-heading">
      <FormMessages state={state} />
      <TextField {...bind('email')} {...VERBATIM} label={t('email')} type="email" required maxLength={254} />
      <TextField {...bind('name')} label={t('name')} autoComplete="off" required maxLength={120} />
      <TextField
        name="password"
        label={t('password')}
        type="password"
        autoComplete="new-password"
        required
        minLength={passwordMinLength}
        hint={t('passwordHint', { min: passwordMinLength })}
        errors={errorsOf(state, 'password')}
      />
      <CheckboxGroup
        id="roles"
        name="roles"
        label={t('roles')}
        options={roleOptions}
        defaultValues={valuesOf(state, 'roles')}
        errors={errorsOf(state, 'roles')}
      />
      <SelectField {...bind('teamId')} id="teamId" label={t('team')} options={[{ value: '', label: t('noTeam') }, ...teamOptions]} />
      <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
    </form>
  );
}
