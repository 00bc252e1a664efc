'use client';

import { useActionState, useId } from 'react';
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

/** Adds a maintenance window to an environment (no `window`) or edits one. */
export function WindowForm({
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
      <TextField {...field('label', '')} id={fid('label')} label="Label" required maxLength={80} autoComplete="off" placeholder="Weekly patching" />
      <Radios id={fid('kind')} legend="Kind" name="kind" value={shownKind} onChange={setKind} errors={errorsOf(state, 'kind')} options={KIND_OPTIONS} />
      <TimeZoneField
        bound={field('timezone', 'UTC')}
        id={fid('timezone')}
        listId={listId}
        timeZones={timeZones}
        hint="IANA name; times are wall-clock times in this zone, also across daylight-saving changes."
      />
      {shownKind === 'recurring' ? (
        <>
          <TextField
            {...field('rrule', '')}
            id={fid('rrule')}
            label="Recurrence rule (RRULE)"
            required
            maxLength={500}
            autoComplete="off"
            spellCheck={false}
            hint={`RFC 5545, e.g. ${RRULE_EXAMPLE} (Tuesdays and Thursdays at 20:00). Without BYHOUR the window starts at 00:00.`}
            placeholder={RRULE_EXAMPLE}
          />
          <DurationField
            bound={field('durationMinutes', '120')}
            id={fid('durationMinutes')}
            hint="Elapsed time, 1 to 20160 (14 days). 120 = 2 hours, 1440 = 1 day."
          />
        </>
      ) : (
        <StartEndFields starts={field('startsAt', '')} ends={field('endsAt', '')} fid={fid} />
      )}
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
