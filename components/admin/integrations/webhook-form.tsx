'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { EventChoices, eventErrors, type EventChoice } from './event-choices';

interface Created {
  secret: string;
  webhook: { id: string; url: string; description: string };
}
type Action = (prev: FormState, form: FormData) => Promise<FormState<Created>>;

/** Registers a webhook endpoint, then shows its signing secret once with a verification snippet. */
export function WebhookForm({ action, choices }: { action: Action; choices: EventChoice[] }) {
  const [state, formAction] = useActionState(action, IDLE as FormState<Created>);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const created = state.status === 'ok' ? state.data : undefined;
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  return (
    <div className="space-y-4">
      {created && dismissedAt !== state.at ? <SecretOnce created={created} onDone={() => setDismissedAt(state.at ?? 0)} /> : null}
      <form ref={formRef} action={formAction} noValidate className="space-y-3">
        <FormError key={state.at} requestId={state.requestId}>
          {failed ? state.message : null}
        </FormError>
        <TextField
          id="webhook-url"
          name="url"
          type="url"
          label="Endpoint URL"
          required
          maxLength={2000}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://hooks.example.com/relm"
          hint="Relm POSTs signed JSON here. Addresses inside your network are refused unless the operator allows them."
          defaultValue={failed ? valueOf(state, 'url') : ''}
          errors={errorsOf(state, 'url')}
        />
        <TextField
          id="webhook-description"
          name="description"
          label="Description"
          maxLength={200}
          hint="What receives it, e.g. Status page updater. Shown in the delivery log."
          defaultValue={failed ? valueOf(state, 'description') : ''}
          errors={errorsOf(state, 'description')}
        />
        <EventChoices
          name="webhook"
          choices={choices}
          defaultValues={failed ? valuesOf(state, 'events') : ['release.deployed', 'deployment.failed', 'release.rolled_back']}
          errors={eventErrors(state.fieldErrors)}
        />
        <SubmitButton pendingText="Registering…">Register endpoint</SubmitButton>
      </form>
    </div>
  );
}

function SecretOnce({ created, onDone }: { created: Created; onDone: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, [created.secret]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('copied');
    } catch {
      ref.current?.select();
      setCopied('failed');
    }
  };
  const snippet = `import { Webhook } from 'standardwebhooks';

const wh = new Webhook(process.env.RELM_WEBHOOK_SECRET); // ${created.secret.slice(0, 10)}…
// raw body as text, headers webhook-id, webhook-timestamp, webhook-signature
const event = wh.verify(rawBody, headers); // throws when the signature is wrong or old
// event.type, event.data.releaseKey, event.data.status, event.data.link`;
  return (
    <section aria-labelledby="new-secret-heading" className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <h3 id="new-secret-heading" className="text-sm font-semibold text-amber-950">
        Endpoint registered. Copy its signing secret now: you will not see it again.
      </h3>
      <p className="mt-1 text-xs text-amber-950">The receiver checks every request with it. If it is lost, delete the endpoint and register it again.</p>
      <label htmlFor="new-secret" className="mt-2 block text-xs font-medium text-amber-950">
        Signing secret of {created.webhook.description || created.webhook.url}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          ref={ref}
          id="new-secret"
          readOnly
          value={created.secret}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className="h-8 min-w-0 flex-1 rounded-md border border-amber-400 bg-white px-2 font-mono text-xs text-gray-900"
        />
        <Button variant="secondary" size="sm" onClick={copy}>
          Copy
        </Button>
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-amber-950">
        {copied === 'copied' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy: the secret is selected, press Ctrl+C (⌘C).' : ''}
      </p>
      <p className="mt-2 text-xs text-amber-950">Verify a delivery (Node.js, the standardwebhooks package; libraries exist for most languages):</p>
      <pre
        tabIndex={0}
        aria-label="Signature verification example"
        className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs text-gray-900 ring-1 ring-amber-300"
      >
        {snippet}
      </pre>
      <div className="mt-2">
        <Button variant="secondary" size="sm" onClick={onDone}>
          I have saved it
        </Button>
      </div>
    </section>
  );
}
