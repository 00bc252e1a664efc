'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { Button } from '@/components/ui/button';
import { CheckboxGroup, SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-message';
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
  const ref = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, [created.token]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('copied');
    } catch {
      ref.current?.select();
      setCopied('failed');
    }
  };
  const curl = `curl -H "Authorization: Bearer ${created.token}" ${origin}/api/v1/releases`;
  return (
    <section aria-labelledby="new-token-heading" className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <h3 id="new-token-heading" className="text-sm font-semibold text-amber-950">
        Token “{created.apiToken.name}” created. Copy it now: you will not see it again.
      </h3>
      <p className="mt-1 text-xs text-amber-950">Relm keeps only a hash of it. If you lose it, revoke it and create another.</p>
      <label htmlFor="new-token" className="mt-2 block text-xs font-medium text-amber-950">
        Your new API token
      </label>
      <div className="mt-1 flex gap-2">
        <input
          ref={ref}
          id="new-token"
          readOnly
          value={created.token}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className="h-8 min-w-0 flex-1 rounded-md border border-amber-400 bg-white px-2 font-mono text-xs text-gray-900"
        />
        <Button variant="secondary" size="sm" onClick={copy}>
          Copy
        </Button>
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-amber-950">
        {copied === 'copied' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy: the token is selected, press Ctrl+C (⌘C).' : ''}
      </p>
      <p className="mt-2 text-xs text-amber-950">Try it:</p>
      <pre
        tabIndex={0}
        aria-label="Example request with your token"
        className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs text-gray-900 ring-1 ring-amber-300"
      >
        {curl}
      </pre>
      <div className="mt-2">
        <Button variant="secondary" size="sm" onClick={onDone}>
          I have saved it
        </Button>
      </div>
    </section>
  );
}
