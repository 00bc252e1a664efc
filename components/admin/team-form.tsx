'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { TextAreaField, TextField } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusOnError } from '@/components/forms/use-focus-error';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface EditableTeam {
  id: string;
  name: string;
  slug: string;
  description: string;
  updatedAt: string;
}

/** Creates a team (no `team`) or edits one. */
export function TeamForm({ action, team, submitLabel }: { action: Action; team?: EditableTeam; submitLabel: string }) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const initial = (name: 'name' | 'slug' | 'description') => (failed ? valueOf(state, name, team?.[name] ?? '') : (team?.[name] ?? ''));
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormError key={state.at} requestId={state.requestId}>
        {failed ? state.message : null}
      </FormError>
      <FormSuccess>{state.status === 'ok' ? state.message : null}</FormSuccess>
      {team ? (
        <>
          <input type="hidden" name="id" value={team.id} />
          <input type="hidden" name="updatedAt" value={team.updatedAt} />
        </>
      ) : null}
      <TextField name="name" label="Name" required maxLength={80} autoComplete="off" defaultValue={initial('name')} errors={errorsOf(state, 'name')} />
      <TextField
        name="slug"
        label="Slug"
        required
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
        hint="Lowercase letters, digits and hyphens, e.g. payments-platform."
        defaultValue={initial('slug')}
        errors={errorsOf(state, 'slug')}
      />
      <TextAreaField name="description" label="Description (optional)" maxLength={500} defaultValue={initial('description')} errors={errorsOf(state, 'description')} />
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
