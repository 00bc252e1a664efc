'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('admin-integrations.webhookForm');
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
          label={t('url')}
          required
          maxLength={2000}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://hooks.example.com/relm"
          hint={t('urlHint')}
          defaultValue={failed ? valueOf(state, 'url') : ''}
          errors={errorsOf(state, 'url')}
        />
        <TextField
          id="webhook-description"
          name="description"
          label={t('description')}
          maxLength={200}
          hint={t('descriptionHint')}
          defaultValue={failed ? valueOf(state, 'description') : ''}
          errors={errorsOf(state, 'description')}
        />
        <EventChoices
          name="webhook"
          choices={choices}
          defaultValues={failed ? valuesOf(state, 'events') : ['release.deployed', 'deployment.failed', 'release.rolled_back']}
          errors={eventErrors(state.fieldErrors)}
          hint={t('eventsHint')}
        />
        <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
      </form>
    </div>
  );
}

function SecretOnce({ created, onDone }: { created: Created; onDone: () => void }) {
  const t = useTranslations('admin-integrations.webhookForm.secret');
  const example = `import { Webhook } from 'standardwebhooks';

const wh = new Webhook(process.env.RELM_WEBHOOK_SECRET); // ${created.secret.slice(0, 10)}…
// raw body as text, headers webhook-id, webhook-timestamp, webhook-signature
const event = wh.verify(rawBody, headers); // throws when the signature is wrong or old
// event.type, event.data.releaseKey, event.data.status, event.data.link`;
  return (
    <ShownOnce
      id="new-secret"
      title={t('title')}
      note={t('note')}
      label={t('label', { name: created.webhook.description || created.webhook.url })}
      value={created.secret}
      exampleIntro={t('exampleIntro')}
      example={example}
      exampleLabel={t('exampleLabel')}
      onDone={onDone}
    />
  );
}
