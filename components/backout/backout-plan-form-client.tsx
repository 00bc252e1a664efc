'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { Button } from '@/components/ui/button';
import { FieldError, SelectField, TextAreaField, TextField, controlState, inputClasses, labelClasses } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { cx } from '@/components/ui/cx';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface PlanFormTarget {
  component: string;
  shipping: string;
  runningNow: { buildId: string; version: string } | null;
  targetBuildId: string | null;
  choices: { id: string; version: string }[];
}

export interface PlanFormProps {
  action: Action;
  releaseKey: string;
  version: number;
  environmentName: string | null;
  plan: { expectedDurationMinutes: number; triggerCriteria: string; steps: { description: string; expectedMinutes: number }[] } | null;
  targets: PlanFormTarget[];
}

interface Row {
  key: number;
  description: string;
  minutes: string;
}

let nextKey = 1;
const toRows = (descriptions: string[], minutes: string[]): Row[] =>
  descriptions.map((d, i) => ({ key: nextKey++, description: d, minutes: minutes[i] ?? '' }));

/** Writes or rewrites the back-out plan: ordered steps (add and remove rows), duration, triggers and the build to return to per component. */
export function BackoutPlanFormClient(props: PlanFormProps) {
  const [state, formAction] = useActionState(props.action, IDLE);
  return <PlanFormBody key={state.at ?? 0} {...props} state={state} formAction={formAction} />;
}

function PlanFormBody({
  releaseKey,
  version,
  environmentName,
  plan,
  targets,
  state,
  formAction,
}: PlanFormProps & { state: FormState; formAction: (f: FormData) => void }) {
  const t = useTranslations('backout.plan');
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const initial = failed
    ? toRows(valuesOf(state, 'stepDescription'), valuesOf(state, 'stepMinutes'))
    : plan
      ? toRows(
          plan.steps.map((s) => s.description),
          plan.steps.map((s) => String(s.expectedMinutes)),
        )
      : [];
  const [rows, setRows] = useState<Row[]>(initial.length ? initial : toRows([''], ['']));
  const submittedBuilds = failed ? valuesOf(state, 'targetBuild') : null;
  const v = (name: string, fallback: string) => (failed ? valueOf(state, name, fallback) : fallback);

  const move = (i: number, by: -1 | 1) =>
    setRows((rs) => {
      const j = i + by;
      if (j < 0 || j >= rs.length) return rs;
      const copy = [...rs];
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      return copy;
    });

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <FieldError id="version" errors={errorsOf(state, 'version')} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
        <TextField
          id="backout-duration"
          name="expectedDurationMinutes"
          label={t('duration')}
          type="number"
          inputMode="numeric"
          required
          defaultValue={v('expectedDurationMinutes', plan ? String(plan.expectedDurationMinutes) : '')}
          errors={errorsOf(state, 'expectedDurationMinutes')}
        />
        <TextAreaField
          id="backout-triggers"
          name="triggerCriteria"
          label={t('triggers')}
          rows={2}
          maxLength={4000}
          hint={t('triggersHint')}
          defaultValue={v('triggerCriteria', plan?.triggerCriteria ?? '')}
          errors={errorsOf(state, 'triggerCriteria')}
        />
      </div>

      <fieldset aria-describedby={errorsOf(state, 'steps') ? 'backout-steps-error' : undefined}>
        <legend className={labelClasses}>{t('steps')}</legend>
        <ol className="mt-1 space-y-2">
          {rows.map((row, i) => {
            const dId = `backout-step-${row.key}`;
            const mId = `backout-step-${row.key}-min`;
            const dErr = errorsOf(state, `steps.${i}.description`);
            const mErr = errorsOf(state, `steps.${i}.expectedMinutes`);
            return (
              <li key={row.key} className="grid grid-cols-[1.5rem_minmax(0,1fr)_6rem_auto] items-start gap-2">
                <span className="pt-1.5 text-right text-sm text-gray-700" aria-hidden="true">
                  {i + 1}.
                </span>
                <div>
                  <label htmlFor={dId} className="sr-only">
                    {t('step', { n: i + 1 })}
                  </label>
                  <input
                    id={dId}
                    name="stepDescription"
                    defaultValue={row.description}
                    maxLength={1000}
                    autoComplete="off"
                    placeholder={t('stepPlaceholder')}
                    {...controlState(dId, undefined, dErr)}
                    className={cx('h-8', inputClasses)}
                  />
                  <FieldError id={dId} errors={dErr} />
                </div>
                <div>
                  <label htmlFor={mId} className="sr-only">
                    {t('stepMinutes', { n: i + 1 })}
                  </label>
                  <input
                    id={mId}
                    name="stepMinutes"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    defaultValue={row.minutes}
                    placeholder={t('minutesPlaceholder')}
                    {...controlState(mId, undefined, mErr)}
                    className={cx('h-8', inputClasses)}
                  />
                  <FieldError id={mId} errors={mErr} />
                </div>
                <div className="flex gap-1">
                  <Button size="sm" variant="ghost" onClick={() => move(i, -1)} aria-label={t('moveUp', { n: i + 1 })} disabled={i === 0}>
                    ↑
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => move(i, 1)} aria-label={t('moveDown', { n: i + 1 })} disabled={i === rows.length - 1}>
                    ↓
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}
                    aria-label={t('remove', { n: i + 1 })}
                    disabled={rows.length === 1}
                  >
                    ✕
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
        <FieldError id="backout-steps" errors={errorsOf(state, 'steps')} />
        <Button size="sm" variant="secondary" className="mt-2" onClick={() => setRows((rs) => [...rs, ...toRows([''], [''])])} disabled={rows.length >= 50}>
          {t('addStep')}
        </Button>
      </fieldset>

      <fieldset>
        <legend className={labelClasses}>{t('targets')}</legend>
        <p className="mt-1 text-xs text-gray-600">{environmentName ? t('targetsDefault', { environment: environmentName }) : t('targetsNoEnvironment')}</p>
        {targets.length === 0 ? (
          <p className="mt-1 text-sm text-gray-700">{t('noBuilds')}</p>
        ) : (
          <div className="mt-2 grid grid-cols-1 gap-3 md:grid-cols-2">
            {targets.map((target, i) => {
              const id = `backout-target-${target.component}`;
              const chosen = submittedBuilds ? (submittedBuilds[i] ?? '') : (target.targetBuildId ?? '');
              return (
                <div key={target.component}>
                  <input type="hidden" name="targetComponent" value={target.component} />
                  <SelectField
                    id={id}
                    name="targetBuild"
                    label={t('target', { component: target.component, shipping: target.shipping })}
                    hint={target.runningNow ? t('runningNow', { version: target.runningNow.version }) : t('nothingRunning')}
                    options={[
                      { value: '', label: target.runningNow ? t('whatRunsNow', { version: target.runningNow.version }) : t('nothingToReturnTo') },
                      ...target.choices.map((c) => ({
                        value: c.id,
                        label: c.id === target.runningNow?.buildId ? t('choiceRunning', { version: c.version }) : c.version,
                      })),
                    ]}
                    defaultValue={chosen}
                    errors={[...(errorsOf(state, `targets.${i}.buildId`) ?? []), ...(errorsOf(state, `targets.${i}.component`) ?? [])]}
                  />
                </div>
              );
            })}
          </div>
        )}
      </fieldset>
      <SubmitButton size="sm" pendingText={t('pending')}>
        {plan ? t('save') : t('create')}
      </SubmitButton>
    </form>
  );
}
