'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { TextAreaField, TextField } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusOnError } from '@/components/forms/use-focus-error';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface EditableTeam {
  id: string;
  name: string;
  slug: string;
  description: string;
  version: number;
}

/** Creates a team (no `team`) or edits one. */
export function TeamForm({ action, team, submitLabel }: { action: Action; team?: EditableTeam; submitLabel: string }) {
  const t = useTranslations('admin-teams.form');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const bind = fieldBinder(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <HiddenFields values={team && { id: team.id, version: team.version }} />
      <TextField {...bind('name', team?.name)} label={t('name')} required maxLength={80} autoComplete="off" />
      <TextField {...bind('slug', team?.slug)} {...VERBATIM} label={t('slug')} required maxLength={40} hint={t('slugHint')} />
      <TextAreaField {...bind('description', team?.description)} label={t('description')} maxLength={500} />
      <SubmitButton pendingText={t('saving')}>{submitLabel}</SubmitButton>
    </form>
  );
}
