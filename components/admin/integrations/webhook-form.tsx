'use client';

import { useActionState, useState } from 'react';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-message';
import { ShownOnce } from '@/components/ui/shown-once';
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
          hint="Each delivery's body names the release, its status, the environment and a link; the README lists what each event adds."
        />
        <SubmitButton pendingText="Registering…">Register endpoint</SubmitButton>
      </form>
    </div>
  );
}

function SecretOnce({ created, onDone }: { created: Created; onDone: () => void }) {
  const example = `import { Webhook } from 'standardwebhooks';

const wh = new Webhook(process.env.RELM_WEBHOOK_SECRET); // ${created.secret.slice(0, 10)}…
// raw body as text, headers webhook-id, webhook-timestamp, webhook-signature
const event = wh.verify(rawBody, headers); // throws when the signature is wrong or old
// event.type, event.data.releaseKey, event.data.status, event.data.link`;
  return (
    <ShownOnce
      id="new-secret"
      title="Endpoint registered. Copy its signing secret now: you will not see it again."
      note="The receiver checks every request with it. If it is lost, delete the endpoint and register it again."
      label={`Signing secret of ${created.webhook.description || created.webhook.url}`}
      value={created.secret}
      exampleIntro="Verify a delivery (Node.js, the standardwebhooks package; libraries exist for most languages):"
      example={example}
      exampleLabel="Signature verification example"
      onDone={onDone}
    />
  );
}
