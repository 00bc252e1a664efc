'use client';

import { useActionState, useId, useState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { FieldError, FieldHint, TextField, inputClasses, labelClasses } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
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
  const described = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className={labelClasses}>
        {label}
      </label>
      <FieldHint id={id}>{hint}</FieldHint>
      <input
        id={id}
        name={name}
        type="datetime-local"
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={described}
        className={`mt-1 ${inputClasses}`}
      />
      <FieldError id={id} errors={errors} />
    </div>
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
  const initial = (name: keyof EditableWindow, fallback: string) => (failed ? valueOf(state, name, fallback) : window ? String(window[name]) : fallback);
  // the kind chosen with the radios; after a failed save, the submitted kind until the user picks again
  const [choice, setChoice] = useState<{ kind: 'one_off' | 'recurring'; at: number }>({ kind: window?.kind ?? 'recurring', at: 0 });
  const submitted = valueOf(state, 'kind');
  const shownKind = failed && (state.at ?? 0) > choice.at && (submitted === 'one_off' || submitted === 'recurring') ? submitted : choice.kind;
  const listId = `${uid}-zones`;
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormError key={state.at} requestId={state.requestId}>
        {failed ? state.message : null}
      </FormError>
      <FormSuccess>{state.status === 'ok' ? state.message : null}</FormSuccess>
      {window ? (
        <>
          <input type="hidden" name="id" value={window.id} />
          <input type="hidden" name="version" value={window.version} />
        </>
      ) : (
        <input type="hidden" name="environmentId" value={environmentId} />
      )}
      <TextField id={fid('label')} name="label" label="Label" required maxLength={80} autoComplete="off" defaultValue={initial('label', '')} errors={errorsOf(state, 'label')} placeholder="Weekly patching" />
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
          id={fid('timezone')}
          name="timezone"
          label="Time zone"
          required
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          list={listId}
          hint="IANA name; times are wall-clock times in this zone, also across daylight-saving changes."
          defaultValue={initial('timezone', 'UTC')}
          errors={errorsOf(state, 'timezone')}
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
            id={fid('rrule')}
            name="rrule"
            label="Recurrence rule (RRULE)"
            required
            maxLength={500}
            autoComplete="off"
            spellCheck={false}
            hint={`RFC 5545, e.g. ${RRULE_EXAMPLE} (Tuesdays and Thursdays at 20:00). Without BYHOUR the window starts at 00:00.`}
            defaultValue={initial('rrule', '')}
            errors={errorsOf(state, 'rrule')}
            placeholder={RRULE_EXAMPLE}
          />
          <TextField
            id={fid('durationMinutes')}
            name="durationMinutes"
            label="Duration (minutes)"
            type="number"
            inputMode="numeric"
            required
            hint="Elapsed time, 1 to 20160 (14 days). 120 = 2 hours, 1440 = 1 day."
            defaultValue={initial('durationMinutes', '120')}
            errors={errorsOf(state, 'durationMinutes')}
          />
        </>
      ) : (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <LocalDateTime id={fid('startsAt')} name="startsAt" label="Starts" hint="In the time zone above." defaultValue={initial('startsAt', '')} errors={errorsOf(state, 'startsAt')} />
          <LocalDateTime id={fid('endsAt')} name="endsAt" label="Ends" defaultValue={initial('endsAt', '')} errors={errorsOf(state, 'endsAt')} />
        </div>
      )}
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
