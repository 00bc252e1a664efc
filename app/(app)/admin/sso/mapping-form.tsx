'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('admin-sso.mappingForm');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const bind = fieldBinder(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3" aria-labelledby="add-mapping-heading">
      <FormMessages state={state} />
      <TextField {...bind('group')} {...VERBATIM} label={t('group')} required maxLength={256} hint={t('groupHint', { claim: groupsClaim })} />
      <CheckboxGroup
        id="roles"
        name="roles"
        label={t('roles')}
        options={roleOptions}
        defaultValues={valuesOf(state, 'roles')}
        errors={errorsOf(state, 'roles')}
      />
      <SelectField {...bind('teamId')} id="teamId" label={t('team')} options={[{ value: '', label: t('noTeam') }, ...teamOptions]} />
      <TextField {...bind('priority', '100')} label={t('priority')} type="number" inputMode="numeric" hint={t('priorityHint')} />
      <SubmitButton pendingText={t('saving')}>{t('submit')}</SubmitButton>
    </form>
  );
}
