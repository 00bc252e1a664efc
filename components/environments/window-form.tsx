'use client';

import { useActionState, useId, useState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { FieldError, FieldFrame, TextField, controlState, inputClasses, labelClasses } from '@/components/ui/field';
import { fieldBinder } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export const RRULE_EXAMPLE = 'FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=20;BYMINUTE=0';

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

function LocalDateTime({ id, name, label, hint, errors, defaultValue }: { id: string; name: string; label: string; hint?: string; errors?: string[]; defaultValue: string }) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <input id={id} name={name} type="datetime-local" defaultValue={defaultValue} {...controlState(id, hint, errors)} className={`mt-1 ${inputClasses}`} />
    </FieldFrame>
  );
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
  const failed = state.status === 'error';
  const uid = useId();
  const fid = (n: string) => `${uid}-${n}`;
  const bind = fieldBinder(state);
  // a field's name, value (the window's own when editing) and errors
  const field = (name: keyof EditableWindow, fallback: string) => bind(name, window ? String(window[name]) : fallback);
  // the kind chosen with the radios; after a failed save, the submitted kind until the user picks again
  const [choice, setChoice] = useState<{ kind: 'one_off' | 'recurring'; at: number }>({ kind: window?.kind ?? 'recurring', at: 0 });
  const submitted = valueOf(state, 'kind');
  const shownKind = failed && (state.at ?? 0) > choice.at && (submitted === 'one_off' || submitted === 'recurring') ? submitted : choice.kind;
  const listId = `${uid}-zones`;
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <HiddenFields values={window ? { id: window.id, version: window.version } : { environmentId }} />
      <TextField {...field('label', '')} id={fid('label')} label="Label" required maxLength={80} autoComplete="off" placeholder="Weekly patching" />
      <fieldset aria-describedby={errorsOf(state, 'kind')?.length ? `${fid('kind')}-error` : undefined}>
        <legend className={labelClasses}>Kind</legend>
        <div className="mt-1 flex gap-4">
          {(['recurring', 'one_off'] as const).map((k) => (
            <label key={k} className="flex items-center gap-1.5 text-sm text-gray-900">
              <input type="radio" name="kind" value={k} checked={shownKind === k} onChange={() => setChoice({ kind: k, at: Date.now() })} className="size-4 accent-blue-700" />
              {k === 'recurring' ? 'Recurring' : 'One-off'}
            </label>
          ))}
        </div>
        <FieldError id={fid('kind')} errors={errorsOf(state, 'kind')} />
      </fieldset>
      <div>
        <TextField
          {...field('timezone', 'UTC')}
          id={fid('timezone')}
          label="Time zone"
          required
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          list={listId}
          hint="IANA name; times are wall-clock times in this zone, also across daylight-saving changes."
        />
        <datalist id={listId}>
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
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
          <TextField
            {...field('durationMinutes', '120')}
            id={fid('durationMinutes')}
            label="Duration (minutes)"
            type="number"
            inputMode="numeric"
            required
            hint="Elapsed time, 1 to 20160 (14 days). 120 = 2 hours, 1440 = 1 day."
          />
        </>
      ) : (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <LocalDateTime {...field('startsAt', '')} id={fid('startsAt')} label="Starts" hint="In the time zone above." />
          <LocalDateTime {...field('endsAt', '')} id={fid('endsAt')} label="Ends" />
        </div>
      )}
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
