'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { CheckboxGroup, SelectField, TextField, type SelectOption } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
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
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3" aria-labelledby="create-user-heading">
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? state.message : null}
      </FormError>
      <FormSuccess>{state.status === 'ok' ? state.message : null}</FormSuccess>
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={254}
        defaultValue={valueOf(state, 'email')}
        errors={errorsOf(state, 'email')}
      />
      <TextField name="name" label="Full name" autoComplete="off" required maxLength={120} defaultValue={valueOf(state, 'name')} errors={errorsOf(state, 'name')} />
      <TextField
        name="password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        required
        minLength={passwordMinLength}
        hint={`At least ${passwordMinLength} characters. Share it with the person privately.`}
        errors={errorsOf(state, 'password')}
      />
      <CheckboxGroup
        id="roles"
        name="roles"
        label="Roles"
        options={roleOptions}
        defaultValues={valuesOf(state, 'roles')}
        errors={errorsOf(state, 'roles')}
      />
      <SelectField
        name="teamId"
        id="teamId"
        label="Team"
        options={[{ value: '', label: 'No team' }, ...teamOptions]}
        defaultValue={valueOf(state, 'teamId')}
        errors={errorsOf(state, 'teamId')}
      />
      <SubmitButton pendingText="Creating…">Create user</SubmitButton>
    </form>
  );
}
