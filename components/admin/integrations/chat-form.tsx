'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { EventChoices, eventErrors, type EventChoice } from './event-choices';

type Action = (prev: FormState, form: FormData) => Promise<FormState<unknown>>;

/** Connects a Slack or Teams incoming webhook, for the organisation or one team. */
export function ChatChannelForm({
  action,
  choices,
  defaults,
  teams,
}: {
  action: Action;
  choices: EventChoice[];
  defaults: string[];
  teams: { id: string; name: string }[];
}) {
  const [state, formAction] = useActionState(action, IDLE as FormState<unknown>);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <SelectField
        id="chat-kind"
        name="kind"
        label="Chat"
        options={[
          { value: 'slack', label: 'Slack (incoming webhook, Block Kit)' },
          { value: 'teams', label: 'Microsoft Teams (Workflows webhook, Adaptive Card)' },
        ]}
        defaultValue={failed ? valueOf(state, 'kind', 'slack') : 'slack'}
        errors={errorsOf(state, 'kind')}
      />
      <SelectField
        id="chat-team"
        name="teamId"
        label="For"
        hint="A team's channel hears of releases the team owns or whose package holds its components."
        options={[{ value: '', label: 'The whole organisation' }, ...teams.map((t) => ({ value: t.id, label: `Team ${t.name}` }))]}
        defaultValue={failed ? valueOf(state, 'teamId') : ''}
        errors={errorsOf(state, 'teamId')}
      />
      <TextField
        id="chat-name"
        name="name"
        label="Channel name"
        required
        maxLength={80}
        placeholder="#releases"
        hint="For people reading the delivery log."
        defaultValue={failed ? valueOf(state, 'name') : ''}
        errors={errorsOf(state, 'name')}
      />
      <TextField
        id="chat-url"
        name="url"
        type="url"
        label="Webhook URL"
        required
        maxLength={2000}
        autoComplete="off"
        spellCheck={false}
        placeholder="https://hooks.slack.com/services/…"
        hint="Slack: an app's incoming webhook. Teams: a Workflows flow “When a Teams webhook request is received”. Kept secret: shown masked once saved."
        defaultValue={failed ? valueOf(state, 'url') : ''}
        errors={errorsOf(state, 'url')}
      />
      <EventChoices name="chat" choices={choices} defaultValues={failed ? valuesOf(state, 'events') : defaults} errors={eventErrors(state.fieldErrors)} />
      <SubmitButton pendingText="Connecting…">Connect channel</SubmitButton>
    </form>
  );
}
