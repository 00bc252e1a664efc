'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { RISK_STATUSES } from '@/lib/domain/statuses';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface EditableRisk {
  id: string;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  mitigation: string;
  ownerId: string | null;
  status: string;
}

const SCALE = ['1', '2', '3', '4', '5'] as const;

/** Adds a risk (no `risk`) or edits one. Score = likelihood × impact, computed by the server. */
export function RiskForm({
  action,
  releaseKey,
  risk,
  users,
  submitLabel,
}: {
  action: Action;
  releaseKey: string;
  risk?: EditableRisk;
  users: { id: string; name: string }[];
  submitLabel: string;
}) {
  const t = useTranslations('release-forms.risk');
  const ts = useTranslations('statuses');
  const scale = SCALE.map((value) => ({ value, label: t(`scale.${value}`) }));
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const p = risk ? `risk-${risk.id}-` : 'new-risk-';
  const v = (name: string, fallback: string) => (failed ? valueOf(state, name, fallback) : fallback);
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormError requestId={state.requestId}>{failed ? state.message : null}</FormError>
      <FormSuccess>{state.status === 'ok' ? state.message : null}</FormSuccess>
      <input type="hidden" name="releaseKey" value={releaseKey} />
      {risk ? <input type="hidden" name="riskId" value={risk.id} /> : null}
      <TextField
        id={`${p}title`}
        name="title"
        label={t('title')}
        required
        maxLength={200}
        autoComplete="off"
        defaultValue={v('title', risk?.title ?? '')}
        errors={errorsOf(state, 'title')}
      />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <SelectField
          id={`${p}likelihood`}
          name="likelihood"
          label={t('likelihood')}
          options={scale}
          defaultValue={v('likelihood', String(risk?.likelihood ?? 3))}
          errors={errorsOf(state, 'likelihood')}
        />
        <SelectField
          id={`${p}impact`}
          name="impact"
          label={t('impact')}
          options={scale}
          defaultValue={v('impact', String(risk?.impact ?? 3))}
          errors={errorsOf(state, 'impact')}
        />
        <SelectField
          id={`${p}status`}
          name="status"
          label={t('status')}
          options={RISK_STATUSES.map((s) => ({ value: s, label: ts(`risk.${s}`) }))}
          defaultValue={v('status', risk?.status ?? 'open')}
          errors={errorsOf(state, 'status')}
        />
        <SelectField
          id={`${p}owner`}
          name="ownerId"
          label={t('owner')}
          options={[{ value: '', label: t('nobody') }, ...users.map((u) => ({ value: u.id, label: u.name }))]}
          defaultValue={v('ownerId', risk?.ownerId ?? '')}
          errors={errorsOf(state, 'ownerId')}
        />
      </div>
      <TextAreaField
        id={`${p}description`}
        name="description"
        label={t('description')}
        rows={2}
        maxLength={5000}
        defaultValue={v('description', risk?.description ?? '')}
        errors={errorsOf(state, 'description')}
      />
      <TextAreaField
        id={`${p}mitigation`}
        name="mitigation"
        label={t('mitigation')}
        rows={2}
        maxLength={5000}
        defaultValue={v('mitigation', risk?.mitigation ?? '')}
        errors={errorsOf(state, 'mitigation')}
      />
      <SubmitButton size="sm" pendingText={t('pending')}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
