'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { RISK_STATUSES, RISK_STATUS_LABELS } from '@/lib/domain/statuses';

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

const SCALE = [
  { value: '1', label: '1 – very low' },
  { value: '2', label: '2 – low' },
  { value: '3', label: '3 – medium' },
  { value: '4', label: '4 – high' },
  { value: '5', label: '5 – very high' },
];
const STATUSES = RISK_STATUSES.map((s) => ({ value: s, label: RISK_STATUS_LABELS[s] }));

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
        label="Risk"
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
          label="Likelihood"
          options={SCALE}
          defaultValue={v('likelihood', String(risk?.likelihood ?? 3))}
          errors={errorsOf(state, 'likelihood')}
        />
        <SelectField
          id={`${p}impact`}
          name="impact"
          label="Impact"
          options={SCALE}
          defaultValue={v('impact', String(risk?.impact ?? 3))}
          errors={errorsOf(state, 'impact')}
        />
        <SelectField
          id={`${p}status`}
          name="status"
          label="Status"
          options={STATUSES}
          defaultValue={v('status', risk?.status ?? 'open')}
          errors={errorsOf(state, 'status')}
        />
        <SelectField
          id={`${p}owner`}
          name="ownerId"
          label="Owner"
          options={[{ value: '', label: 'Nobody yet' }, ...users.map((u) => ({ value: u.id, label: u.name }))]}
          defaultValue={v('ownerId', risk?.ownerId ?? '')}
          errors={errorsOf(state, 'ownerId')}
        />
      </div>
      <TextAreaField
        id={`${p}description`}
        name="description"
        label="Description (optional)"
        rows={2}
        maxLength={5000}
        defaultValue={v('description', risk?.description ?? '')}
        errors={errorsOf(state, 'description')}
      />
      <TextAreaField
        id={`${p}mitigation`}
        name="mitigation"
        label="Mitigation (optional)"
        rows={2}
        maxLength={5000}
        defaultValue={v('mitigation', risk?.mitigation ?? '')}
        errors={errorsOf(state, 'mitigation')}
      />
      <SubmitButton size="sm" pendingText="Saving…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
