'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { DateField } from '@/components/ui/date-field';
import { FieldError, FieldHint, controlState, inputClasses, labelClasses } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';
import { cx } from '@/components/ui/cx';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface ScheduleFormWindow {
  environment: string;
  displayName: string;
  tier: string;
  startLocal: string;
  endLocal: string;
}

const fieldId = (prefix: string, env: string) => `${prefix}-${env.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** Start and end per target environment, in the release's time zone, saved together. */
export function ScheduleForm({
  action,
  releaseKey,
  version,
  timezone,
  windows,
}: {
  action: Action;
  releaseKey: string;
  version: number;
  timezone: string;
  windows: ScheduleFormWindow[];
}) {
  const t = useTranslations('schedule.form');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3" aria-label={t('label', { releaseKey })}>
      <FormMessages state={state} />
      <HiddenFields values={{ releaseKey, version, timezone }} />
      <p className="text-xs text-gray-700">{t.rich('zone', { timezone, zone: (c) => <span className="font-medium">{c}</span> })}</p>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {windows.map((w) => {
          const startName = `start:${w.environment}`;
          const endName = `end:${w.environment}`;
          return (
            <fieldset key={w.environment} className="rounded-md border border-gray-200 p-2">
              <legend className="px-1 text-sm font-semibold text-gray-900">
                {t.rich(w.environment === w.tier ? 'environment' : 'environmentNamed', {
                  name: w.displayName,
                  environment: w.environment,
                  tier: w.tier,
                  detail: (c) => <span className="font-normal text-gray-700">{c}</span>,
                })}
              </legend>
              <input type="hidden" name="environment" value={w.environment} />
              <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                <DateField
                  withTime
                  id={fieldId('start', w.environment)}
                  name={startName}
                  label={t.rich('start', { environment: w.environment, sr: (c) => <span className="sr-only">{c}</span> })}
                  defaultValue={failed ? valueOf(state, startName, w.startLocal) : w.startLocal}
                  errors={errorsOf(state, startName)}
                />
                <DateField
                  withTime
                  id={fieldId('end', w.environment)}
                  name={endName}
                  label={t.rich('end', { environment: w.environment, sr: (c) => <span className="sr-only">{c}</span> })}
                  defaultValue={failed ? valueOf(state, endName, w.endLocal) : w.endLocal}
                  errors={errorsOf(state, endName)}
                />
              </div>
            </fieldset>
          );
        })}
      </div>
      <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
    </form>
  );
}

/** "Use this slot": saves one environment's window to a suggested free slot. */
export function SlotButton({
  action,
  releaseKey,
  version,
  timezone,
  environment,
  start,
  end,
  label,
}: {
  action: Action;
  releaseKey: string;
  version: number;
  timezone: string;
  environment: string;
  start: string;
  end: string;
  label: string;
}) {
  const t = useTranslations('schedule.slot');
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <HiddenFields values={{ releaseKey, version, timezone, environment, start, end }} />
      <span className="text-sm text-gray-900 tabular-nums">{label}</span>
      <SubmitButton variant="secondary" size="sm" pendingText={t('pending')}>
        {t.rich('submit', { environment, slot: label, sr: (c) => <span className="sr-only">{c}</span> })}
      </SubmitButton>
      {state.status !== 'idle' ? (
        <div className="basis-full">
          <FormMessages state={state} />
        </div>
      ) : null}
    </form>
  );
}

/** Acknowledge a conflict the policy allows, with a reason of at least 10 characters. */
export function AcknowledgeForm({
  action,
  releaseKey,
  otherReleaseKey,
  kind,
  environment,
  component,
  idSuffix,
}: {
  action: Action;
  releaseKey: string;
  otherReleaseKey: string;
  kind: string;
  environment?: string;
  component?: string;
  idSuffix: string;
}) {
  const t = useTranslations('schedule.acknowledge');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state, `ack-reason-${idSuffix}`);
  const id = `ack-reason-${idSuffix}`;
  const errors = errorsOf(state, 'reason');
  const hint = t('hint');
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-1 space-y-1.5">
      <FormMessages state={state} />
      <HiddenFields values={{ releaseKey, otherReleaseKey, kind, environment: environment ?? '', component: component ?? '' }} />
      <label htmlFor={id} className={labelClasses}>
        {t('reason', { kind, otherReleaseKey })}
      </label>
      <FieldHint id={id}>{hint}</FieldHint>
      <textarea
        key={state.at}
        id={id}
        name="reason"
        rows={2}
        maxLength={2000}
        defaultValue={state.status === 'error' ? valueOf(state, 'reason') : ''}
        {...controlState(id, hint, errors)}
        className={cx('mt-1', inputClasses)}
      />
      <FieldError id={id} errors={errors} />
      <SubmitButton variant="secondary" size="sm" pendingText={t('pending')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
