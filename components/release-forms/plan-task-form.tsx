'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { CheckboxGroup, SelectField, TextField } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface EditableTask {
  id: string;
  name: string;
  ownerId: string | null;
  estimateMinutes: number;
  dependsOn: string[];
}

/** Adds a plan task (no `task`) or edits one; a dependency loop is refused by the server, naming it. */
export function PlanTaskForm({
  action,
  releaseKey,
  task,
  users,
  otherTasks,
  submitLabel,
}: {
  action: Action;
  releaseKey: string;
  task?: EditableTask;
  users: { id: string; name: string }[];
  otherTasks: { id: string; name: string }[];
  submitLabel: string;
}) {
  const t = useTranslations('release-forms.planTask');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const p = task ? `task-${task.id}-` : 'new-task-';
  const v = (name: string, fallback: string) => (failed ? valueOf(state, name, fallback) : fallback);
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormError requestId={state.requestId}>{failed ? state.message : null}</FormError>
      <FormSuccess>{state.status === 'ok' ? state.message : null}</FormSuccess>
      <input type="hidden" name="releaseKey" value={releaseKey} />
      {task ? <input type="hidden" name="taskId" value={task.id} /> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_8rem]">
        <TextField
          id={`${p}name`}
          name="name"
          label={t('name')}
          required
          maxLength={200}
          autoComplete="off"
          defaultValue={v('name', task?.name ?? '')}
          errors={errorsOf(state, 'name')}
        />
        <SelectField
          id={`${p}owner`}
          name="ownerId"
          label={t('owner')}
          hint={t('ownerHint')}
          options={[{ value: '', label: t('nobody') }, ...users.map((u) => ({ value: u.id, label: u.name }))]}
          defaultValue={v('ownerId', task?.ownerId ?? '')}
          errors={errorsOf(state, 'ownerId')}
        />
        <TextField
          id={`${p}estimate`}
          name="estimateMinutes"
          label={t('estimate')}
          type="number"
          inputMode="numeric"
          required
          defaultValue={v('estimateMinutes', task ? String(task.estimateMinutes) : '')}
          errors={errorsOf(state, 'estimateMinutes')}
        />
      </div>
      {otherTasks.length ? (
        <CheckboxGroup
          id={`${p}depends`}
          name="dependsOn"
          label={t('dependsOn')}
          options={otherTasks.map((o) => ({ value: o.id, label: o.name }))}
          defaultValues={failed ? valuesOf(state, 'dependsOn') : (task?.dependsOn ?? [])}
          errors={errorsOf(state, 'dependsOn')}
        />
      ) : null}
      <SubmitButton size="sm" pendingText={t('pending')}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
