'use client';

import { useActionState, useId } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, type FormState } from '@/components/forms/form-state';
import { DurationField, KIND_OPTIONS, Radios, StartEndFields, TimeZoneField, submittedKind, useRadioChoice } from '@/components/forms/recurrence-fields';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { TextField } from '@/components/ui/field';
import { fieldBinder } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';
import { RRULE_EXAMPLE } from '@/lib/domain/recurrence-examples';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface EditableWindow {
  id: string;
  version: string;
  label: string;
  kind: 'one_off' | 'recurring';
  rrule: string;
  durationMinutes: string;
  timezone: string;
  /** datetime-local values in the window's time zone */
  startsAt: string;
  endsAt: string;
}

/**
 * Adds a maintenance window to an environment (no `window`) or edits one. Its words come from the
 * environments catalogue: render it through WindowForm (window-form.tsx), which hands them over.
 */
export function WindowFormFields({
  action,
  environmentId,
  window,
  timeZones,
  submitLabel,
}: {
  action: Action;
  environmentId: string;
  window?: EditableWindow;
  timeZones: string[];
  submitLabel: string;
}) {
  const t = useTranslations('environments.windowForm');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const uid = useId();
  const fid = (n: string) => `${uid}-${n}`;
  const bind = fieldBinder(state);
  // a field's name, value (the window's own when editing) and errors
  const field = (name: keyof EditableWindow, fallback: string) => bind(name, window ? String(window[name]) : fallback);
  // the kind chosen with the radios; after a failed save, the submitted kind until the user picks again
  const [shownKind, setKind] = useRadioChoice(state, window?.kind ?? 'recurring', submittedKind(state));
  const listId = `${uid}-zones`;
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <HiddenFields values={window ? { id: window.id, version: window.version } : { environmentId }} />
      <TextField {...field('label', '')} id={fid('label')} label={t('label')} required maxLength={80} autoComplete="off" placeholder={t('labelPlaceholder')} />
      <Radios id={fid('kind')} legend={t('kind')} name="kind" value={shownKind} onChange={setKind} errors={errorsOf(state, 'kind')} options={KIND_OPTIONS} />
      <TimeZoneField bound={field('timezone', 'UTC')} id={fid('timezone')} listId={listId} timeZones={timeZones} hint={t('timeZoneHint')} />
      {shownKind === 'recurring' ? (
        <>
          <TextField
            {...field('rrule', '')}
            id={fid('rrule')}
            label={t('rrule')}
            required
            maxLength={500}
            autoComplete="off"
            spellCheck={false}
            hint={t('rruleHint', { example: RRULE_EXAMPLE })}
            placeholder={RRULE_EXAMPLE}
          />
          <DurationField bound={field('durationMinutes', '120')} id={fid('durationMinutes')} hint={t('durationHint')} />
        </>
      ) : (
        <StartEndFields starts={field('startsAt', '')} ends={field('endsAt', '')} fid={fid} />
      )}
      <SubmitButton pendingText={t('saving')}>{submitLabel}</SubmitButton>
    </form>
  );
}
