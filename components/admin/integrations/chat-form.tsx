'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('admin-integrations.chatForm');
  const [state, formAction] = useActionState(action, IDLE as FormState<unknown>);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <SelectField
        id="chat-kind"
        name="kind"
        label={t('kind')}
        options={[
          { value: 'slack', label: t('slack') },
          { value: 'teams', label: t('teams') },
        ]}
        defaultValue={failed ? valueOf(state, 'kind', 'slack') : 'slack'}
        errors={errorsOf(state, 'kind')}
      />
      <SelectField
        id="chat-team"
        name="teamId"
        label={t('for')}
        hint={t('forHint')}
        options={[{ value: '', label: t('organisation') }, ...teams.map((team) => ({ value: team.id, label: t('team', { name: team.name }) }))]}
        defaultValue={failed ? valueOf(state, 'teamId') : ''}
        errors={errorsOf(state, 'teamId')}
      />
      <TextField
        id="chat-name"
        name="name"
        label={t('name')}
        required
        maxLength={80}
        placeholder={t('namePlaceholder')}
        hint={t('nameHint')}
        defaultValue={failed ? valueOf(state, 'name') : ''}
        errors={errorsOf(state, 'name')}
      />
      <TextField
        id="chat-url"
        name="url"
        type="url"
        label={t('url')}
        required
        maxLength={2000}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('urlPlaceholder')}
        hint={t('urlHint')}
        defaultValue={failed ? valueOf(state, 'url') : ''}
        errors={errorsOf(state, 'url')}
      />
      <EventChoices name="chat" choices={choices} defaultValues={failed ? valuesOf(state, 'events') : defaults} errors={eventErrors(state.fieldErrors)} />
      <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
    </form>
  );
}
