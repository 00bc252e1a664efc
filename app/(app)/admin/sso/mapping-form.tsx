'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { CheckboxGroup, SelectField, TextField, type SelectOption } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** Maps one group of the identity provider's groups claim to roles and, optionally, a team. */
export function GroupMappingForm({
  action,
  roleOptions,
  teamOptions,
  groupsClaim,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  roleOptions: SelectOption[];
  teamOptions: SelectOption[];
  groupsClaim: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const bind = fieldBinder(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3" aria-labelledby="add-mapping-heading">
      <FormMessages state={state} />
      <TextField
        {...bind('group')}
        {...VERBATIM}
        label="Group"
        required
        maxLength={256}
        hint={`Exactly as the identity provider sends it in the “${groupsClaim}” claim (case matters), e.g. /relm-admins or a group’s object id.`}
      />
      <CheckboxGroup id="roles" name="roles" label="Roles" options={roleOptions} defaultValues={valuesOf(state, 'roles')} errors={errorsOf(state, 'roles')} />
      <SelectField {...bind('teamId')} id="teamId" label="Team" options={[{ value: '', label: 'No team' }, ...teamOptions]} />
      <TextField
        {...bind('priority', '100')}
        label="Priority"
        type="number"
        inputMode="numeric"
        hint="When several matching mappings name a team, the lowest priority wins (then the group name)."
      />
      <SubmitButton pendingText="Saving…">Add mapping</SubmitButton>
    </form>
  );
}
