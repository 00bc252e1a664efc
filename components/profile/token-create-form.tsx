'use client';

import { useActionState, useState } from 'react';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { CheckboxGroup, SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-message';
import { ShownOnce } from '@/components/ui/shown-once';
import { SubmitButton } from '@/components/ui/submit-button';

interface Created {
  token: string;
  apiToken: { name: string; scopes: string[]; expiresAt: string | null };
}
type Action = (prev: FormState, form: FormData) => Promise<FormState<Created>>;

const EXPIRY = [
  { value: '30', label: '30 days' },
  { value: '7', label: '7 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never (revoke it by hand)' },
];

/** Creates a personal API token and then shows it, once. */
export function TokenCreateForm({ action, grantable, origin }: { action: Action; grantable: string[]; origin: string }) {
  const [state, formAction] = useActionState(action, IDLE as FormState<Created>);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const created = state.status === 'ok' ? state.data : undefined;
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const showToken = created && dismissedAt !== state.at;

  return (
    <div className="space-y-4">
      {showToken ? <TokenOnce created={created} origin={origin} onDone={() => setDismissedAt(state.at ?? 0)} /> : null}
      <form ref={formRef} action={formAction} noValidate className="space-y-3">
        <FormError key={state.at} requestId={state.requestId}>
          {failed ? state.message : null}
        </FormError>
        <TextField
          name="name"
          label="Name"
          required
          maxLength={80}
          autoComplete="off"
          hint="What uses it, e.g. ci-pipeline or deploy-bot. Shown in the audit trail."
          defaultValue={failed ? valueOf(state, 'name') : ''}
          errors={errorsOf(state, 'name')}
        />
        <CheckboxGroup
          name="scopes"
          label="Scopes"
          hint="What the token may do. It never exceeds your roles, and loses a permission when you lose the role."
          options={[{ value: '*', label: 'Full access of my roles (*)' }, ...grantable.map((p) => ({ value: p, label: p }))]}
          defaultValues={failed ? valuesOf(state, 'scopes') : []}
          errors={errorsOf(state, 'scopes')}
        />
        <SelectField
          name="expiresInDays"
          label="Expires after"
          options={EXPIRY}
          defaultValue={failed ? valueOf(state, 'expiresInDays', '30') : '30'}
          errors={errorsOf(state, 'expiresInDays')}
        />
        <SubmitButton pendingText="Creating…">Create token</SubmitButton>
      </form>
    </div>
  );
}

function TokenOnce({ created, origin, onDone }: { created: Created; origin: string; onDone: () => void }) {
  return (
    <ShownOnce
      id="new-token"
      title={<>Token “{created.apiToken.name}” created. Copy it now: you will not see it again.</>}
      note="Relm keeps only a hash of it. If you lose it, revoke it and create another."
      label="Your new API token"
      value={created.token}
      exampleIntro="Try it:"
      example={`curl -H "Authorization: Bearer ${created.token}" ${origin}/api/v1/releases`}
      exampleLabel="Example request with your token"
      onDone={onDone}
    />
  );
}
