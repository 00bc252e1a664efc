'use client';

import { useActionState, useId } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { CheckboxGroup, TextAreaField, TextField } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export const TRAIN_RRULE_EXAMPLE = 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=0';
const CRON_EXAMPLE = '0 10 * * 2';

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

/**
 * Creates a release train (no `train`) or edits one: name, cadence, cut-off and target environments.
 * Its words come from the trains catalogue: the page puts it under <ClientMessages namespaces={['trains']}>.
 */
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
  const t = useTranslations('trains.form');
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
      <TextField {...field('name', '')} id={fid('name')} label={t('name')} required maxLength={120} autoComplete="off" placeholder={t('namePlaceholder')} />
      <TextAreaField {...field('description', '')} id={fid('description')} label={t('description')} rows={2} maxLength={1000} hint={t('descriptionHint')} />
      <TextField
        {...field('rrule', '')}
        {...VERBATIM}
        id={fid('rrule')}
        label={t('rrule')}
        maxLength={500}
        hint={t('rruleHint', { example: TRAIN_RRULE_EXAMPLE })}
        placeholder={TRAIN_RRULE_EXAMPLE}
      />
      <TextField
        {...field('cron', '')}
        {...VERBATIM}
        id={fid('cron')}
        label={t('cron')}
        maxLength={200}
        hint={t('cronHint', { example: CRON_EXAMPLE })}
        placeholder={CRON_EXAMPLE}
      />
      <TextField
        {...field('timezone', 'Europe/London')}
        {...VERBATIM}
        id={fid('timezone')}
        label={t('timeZone')}
        required
        maxLength={64}
        list={listId}
        hint={t('timeZoneHint')}
      />
      <datalist id={listId}>
        {timeZones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <TextField
        {...field('cutoffHours', '24')}
        id={fid('cutoffHours')}
        label={t('cutoff')}
        type="number"
        inputMode="numeric"
        required
        hint={t('cutoffHint')}
      />
      <CheckboxGroup
        id={fid('environments')}
        name="environments"
        label={t('environments')}
        hint={t('environmentsHint')}
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
            {t('active')}
          </label>
        </div>
      ) : null}
      <SubmitButton pendingText={t('saving')}>{submitLabel}</SubmitButton>
    </form>
  );
}
