'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { SelectField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Adds a release manager as a co-manager of the release; the refusal and the chosen person stay. */
export function CoManagerForm({
  action,
  releaseKey,
  version,
  candidates,
}: {
  action: Action;
  releaseKey: string;
  version: number;
  candidates: { id: string; name: string; team: string | null }[];
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="mt-3 space-y-2">
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <SelectField
        id="co-manager-user"
        name="userId"
        label="Add a co-manager"
        hint="Release managers only. A co-manager may change everything a release's owner may."
        required
        options={[
          { value: '', label: 'Choose a release manager' },
          ...candidates.map((c) => ({ value: c.id, label: c.team ? `${c.name} (${c.team})` : c.name })),
        ]}
        defaultValue={state.status === 'error' ? valueOf(state, 'userId') : ''}
        errors={errorsOf(state, 'userId')}
      />
      <SubmitButton size="sm" pendingText="Adding…">
        Add co-manager
      </SubmitButton>
      <FormMessages state={state} />
    </form>
  );
}
