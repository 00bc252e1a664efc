'use client';

import { useActionState, useId } from 'react';
import { IDLE, errorsOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { CheckboxGroup, TextAreaField, TextField } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export const TRAIN_RRULE_EXAMPLE = 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=0';

export interface TrainFormValues {
  id: string;
  version: number;
  name: string;
  description: string;
  rrule: string;
  cron: string;
  timezone: string;
  cutoffHours: string;
  environments: string[];
  active: boolean;
}

/** Creates a release train (no `train`) or edits one: name, cadence, cut-off and target environments. */
export function TrainForm({
  action,
  train,
  timeZones,
  environments,
  submitLabel,
}: {
  action: Action;
  train?: TrainFormValues;
  timeZones: string[];
  environments: { name: string; displayName: string }[];
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const uid = useId();
  const fid = (n: string) => `${uid}-${n}`;
  const bind = fieldBinder(state);
  const failed = state.status === 'error';
  const field = (name: 'name' | 'description' | 'rrule' | 'cron' | 'timezone' | 'cutoffHours', fallback: string) => bind(name, train ? train[name] : fallback);
  const listId = `${uid}-zones`;
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <HiddenFields values={train ? { id: train.id, version: train.version } : null} />
      <TextField {...field('name', '')} id={fid('name')} label="Name" required maxLength={120} autoComplete="off" placeholder="Weekly web train" />
      <TextAreaField
        {...field('description', '')}
        id={fid('description')}
        label="Description"
        rows={2}
        maxLength={1000}
        hint="Optional: what rides this train."
      />
      <TextField
        {...field('rrule', '')}
        {...VERBATIM}
        id={fid('rrule')}
        label="Departures (RRULE)"
        maxLength={500}
        hint={`When the train departs, e.g. ${TRAIN_RRULE_EXAMPLE} (Tuesdays at 10:00). Or leave empty and give a cron expression.`}
        placeholder={TRAIN_RRULE_EXAMPLE}
      />
      <TextField
        {...field('cron', '')}
        {...VERBATIM}
        id={fid('cron')}
        label="Departures (cron, instead of an RRULE)"
        maxLength={200}
        hint="minute hour day-of-month month day-of-week, e.g. 0 10 * * 2 (Tuesdays at 10:00)."
        placeholder="0 10 * * 2"
      />
      <TextField
        {...field('timezone', 'Europe/London')}
        {...VERBATIM}
        id={fid('timezone')}
        label="Time zone"
        required
        maxLength={64}
        list={listId}
        hint="IANA name, e.g. Europe/London. Departures are wall-clock times in this zone, also across daylight-saving changes."
      />
      <datalist id={listId}>
        {timeZones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <TextField
        {...field('cutoffHours', '24')}
        id={fid('cutoffHours')}
        label="Cut-off (hours before each departure)"
        type="number"
        inputMode="numeric"
        required
        hint="Releases join until this long before the departure; later, only with a two-person late-join exception. 0 to 336."
      />
      <CheckboxGroup
        id={fid('environments')}
        name="environments"
        label="Target environments"
        hint="A departure ships when its releases reach all of them; readiness is their deployment gates."
        errors={errorsOf(state, 'environments')}
        defaultValues={failed ? valuesOf(state, 'environments') : (train?.environments ?? [])}
        options={environments.map((e) => ({ value: e.name, label: e.displayName === e.name ? e.name : `${e.displayName} (${e.name})` }))}
        key={`env-${state.at ?? 0}`}
      />
      {train ? (
        <div className="flex items-center gap-1.5">
          <input
            id={fid('active')}
            type="checkbox"
            name="active"
            value="true"
            defaultChecked={failed ? valuesOf(state, 'active').includes('true') : train.active}
            key={`active-${state.at ?? 0}`}
            className="size-4 rounded border-gray-400 accent-blue-700"
          />
          <label htmlFor={fid('active')} className="text-sm text-gray-900">
            Active (takes releases; unticked: retired)
          </label>
        </div>
      ) : null}
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
