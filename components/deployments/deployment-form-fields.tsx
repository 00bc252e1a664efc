'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';
import { deploymentMoves } from '@/lib/domain/statuses';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

// The words come from the deployments catalogue: render these through deployment-forms.tsx,
// which hands it to them.

/** Records a deployment to one environment (the server checks the gate again). */
export function RecordDeploymentFields({
  action,
  releaseKey,
  environment,
  allowed,
}: {
  action: Action;
  releaseKey: string;
  environment: string;
  allowed: boolean;
}) {
  const t = useTranslations('deployments.record');
  const [state, formAction] = useActionState(action, IDLE);
  const ref = useFocusOnError(state, `dep-${environment}-ref`);
  const p = `dep-${environment}`;
  return (
    <form ref={ref} action={formAction} className="mt-2 space-y-2" aria-label={t('label', { environment })}>
      <HiddenFields values={{ releaseKey, environment }} />
      <FormMessages state={state} />
      <div className="grid gap-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <SelectField
          id={`${p}-status`}
          name="status"
          label={t('startsAs')}
          defaultValue={valueOf(state, 'status', 'in_progress')}
          errors={errorsOf(state, 'status')}
          options={[
            { value: 'in_progress', label: t('inProgressNow') },
            { value: 'scheduled', label: t('scheduled') },
          ]}
        />
        <TextField
          id={`${p}-ref`}
          name="externalRef"
          label={t('externalRef')}
          maxLength={500}
          defaultValue={valueOf(state, 'externalRef')}
          errors={errorsOf(state, 'externalRef')}
        />
      </div>
      <TextField id={`${p}-notes`} name="notes" label={t('notes')} maxLength={4000} defaultValue={valueOf(state, 'notes')} errors={errorsOf(state, 'notes')} />
      <SubmitButton size="sm" variant={allowed ? 'primary' : 'secondary'} pendingText={t('recording')}>
        {t('submit', { environment })}
      </SubmitButton>
      {!allowed ? <p className="text-xs text-gray-700">{t('gateNotMet')}</p> : null}
    </form>
  );
}

/** "Mark in progress / succeeded / failed" for one deployment: only the legal next moves are offered. */
export function DeploymentStatusFields({
  action,
  releaseKey,
  id,
  status,
  environment,
}: {
  action: Action;
  releaseKey: string;
  id: string;
  status: string;
  environment: string;
}) {
  const t = useTranslations('deployments.status');
  const [state, formAction] = useActionState(action, IDLE);
  const next = deploymentMoves(status);
  if (next.length === 0) return null;
  return (
    <form action={formAction} className="mt-2 space-y-2" aria-label={t('label', { environment })}>
      <HiddenFields values={{ releaseKey, id }} />
      <FormMessages state={state} />
      <div className="flex flex-wrap gap-2">
        {next.map((s) => (
          <SubmitButton key={s} size="sm" name="status" value={s} variant={s === 'failed' ? 'danger' : 'primary'} pendingText={t('saving')}>
            {t('mark', { status: s })}
          </SubmitButton>
        ))}
      </div>
    </form>
  );
}

/** Attaches a verification result to a deployment. */
export function VerificationFields({ action, releaseKey, deploymentId }: { action: Action; releaseKey: string; deploymentId: string }) {
  const t = useTranslations('deployments.verification');
  const [state, formAction] = useActionState(action, IDLE);
  const ref = useFocusOnError(state);
  const p = `ver-${deploymentId}`;
  return (
    <details className="mt-2" open={state.status === 'error' || undefined}>
      <summary className="cursor-pointer text-xs font-medium text-blue-800">{t('add')}</summary>
      <form ref={ref} action={formAction} className="mt-2 space-y-2">
        <HiddenFields values={{ releaseKey, deploymentId }} />
        <FormMessages state={state} />
        <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_8rem]">
          <TextField
            id={`${p}-name`}
            name="name"
            label={t('check')}
            placeholder={t('checkPlaceholder')}
            maxLength={200}
            required
            defaultValue={valueOf(state, 'name')}
            errors={errorsOf(state, 'name')}
          />
          <SelectField
            id={`${p}-status`}
            name="status"
            label={t('result')}
            defaultValue={valueOf(state, 'status', 'passed')}
            errors={errorsOf(state, 'status')}
            options={[
              { value: 'passed', label: t('passed') },
              { value: 'failed', label: t('failed') },
              { value: 'skipped', label: t('skipped') },
            ]}
          />
        </div>
        <TextField
          id={`${p}-url`}
          name="evidenceUrl"
          type="url"
          label={t('evidence')}
          hint={t('evidenceHint')}
          maxLength={2000}
          defaultValue={valueOf(state, 'evidenceUrl')}
          errors={errorsOf(state, 'evidenceUrl')}
        />
        <TextField
          id={`${p}-details`}
          name="details"
          label={t('details')}
          maxLength={4000}
          defaultValue={valueOf(state, 'details')}
          errors={errorsOf(state, 'details')}
        />
        <SubmitButton size="sm" pendingText={t('recording')}>
          {t('submit')}
        </SubmitButton>
      </form>
    </details>
  );
}
