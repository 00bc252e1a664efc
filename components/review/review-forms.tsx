'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { ACTION_ITEM_STATUSES, ACTION_ITEM_STATUS_LABELS } from '@/lib/domain/statuses';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface ReviewValues {
  outcome: string;
  objectivesMet: string;
  objectivesNotes: string;
  incidents: string;
  wentWell: string;
  wentBadly: string;
}

const MAX = 10_000;

export function ReviewForm({
  action,
  releaseKey,
  review,
  completed,
  version,
}: {
  action: Action;
  releaseKey: string;
  review: ReviewValues;
  completed: boolean;
  version: number;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const v = (name: keyof ReviewValues, fallback: string) => (failed ? valueOf(state, name, fallback) : fallback);
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField
          id="review-outcome"
          name="outcome"
          label="Outcome"
          options={[
            { value: '', label: 'Not decided yet' },
            { value: 'successful', label: 'Successful' },
            { value: 'partially_successful', label: 'Partially successful' },
            { value: 'failed', label: 'Failed' },
          ]}
          defaultValue={v('outcome', review.outcome)}
          errors={errorsOf(state, 'outcome')}
        />
        <SelectField
          id="review-objectives"
          name="objectivesMet"
          label="Objectives met"
          options={[
            { value: '', label: 'Not assessed yet' },
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          defaultValue={v('objectivesMet', review.objectivesMet)}
          errors={errorsOf(state, 'objectivesMet')}
        />
      </div>
      <TextAreaField
        id="review-objectives-notes"
        name="objectivesNotes"
        label="Notes on the objectives (optional)"
        rows={2}
        maxLength={MAX}
        defaultValue={v('objectivesNotes', review.objectivesNotes)}
        errors={errorsOf(state, 'objectivesNotes')}
      />
      <TextAreaField
        id="review-incidents"
        name="incidents"
        label="Incidents (optional)"
        hint="Incident references, impact and duration."
        rows={3}
        maxLength={MAX}
        defaultValue={v('incidents', review.incidents)}
        errors={errorsOf(state, 'incidents')}
      />
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <TextAreaField
          id="review-went-well"
          name="wentWell"
          label="What went well"
          rows={4}
          maxLength={MAX}
          defaultValue={v('wentWell', review.wentWell)}
          errors={errorsOf(state, 'wentWell')}
        />
        <TextAreaField
          id="review-went-badly"
          name="wentBadly"
          label="What went badly"
          rows={4}
          maxLength={MAX}
          defaultValue={v('wentBadly', review.wentBadly)}
          errors={errorsOf(state, 'wentBadly')}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="intent" value="complete" size="sm" pendingText="Saving…">
          {completed ? 'Save (stays complete)' : 'Save and complete the review'}
        </SubmitButton>
        <SubmitButton name="intent" value="draft" variant="secondary" size="sm" pendingText="Saving…">
          {completed ? 'Reopen as draft' : 'Save as draft'}
        </SubmitButton>
      </div>
    </form>
  );
}

export interface EditableItem {
  id: string;
  title: string;
  ownerId: string;
  dueDate: string;
  status: string;
}

const STATUS_OPTIONS = ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: ACTION_ITEM_STATUS_LABELS[s] }));

/** Adds an action item (no `item`) or edits one. */
export function ActionItemForm({
  action,
  releaseKey,
  item,
  users,
  submitLabel,
}: {
  action: Action;
  releaseKey: string;
  item?: EditableItem;
  users: { id: string; name: string }[];
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const p = item ? `item-${item.id}-` : 'new-item-';
  const v = (name: string, fallback: string) => (failed ? valueOf(state, name, fallback) : fallback);
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-2">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      {item ? <input type="hidden" name="itemId" value={item.id} /> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_9rem_8rem]">
        <TextField
          id={`${p}title`}
          name="title"
          label="Action"
          required
          maxLength={300}
          autoComplete="off"
          defaultValue={v('title', item?.title ?? '')}
          errors={errorsOf(state, 'title')}
        />
        <SelectField
          id={`${p}owner`}
          name="ownerId"
          label="Owner"
          required
          options={[{ value: '', label: 'Choose…' }, ...users.map((u) => ({ value: u.id, label: u.name }))]}
          defaultValue={v('ownerId', item?.ownerId ?? '')}
          errors={errorsOf(state, 'ownerId')}
        />
        <TextField
          id={`${p}due`}
          name="dueDate"
          label="Due"
          type="date"
          required
          defaultValue={v('dueDate', item?.dueDate ?? '')}
          errors={errorsOf(state, 'dueDate')}
        />
        <SelectField
          id={`${p}status`}
          name="status"
          label="Status"
          options={STATUS_OPTIONS}
          defaultValue={v('status', item?.status ?? 'open')}
          errors={errorsOf(state, 'status')}
        />
      </div>
      <SubmitButton size="sm" pendingText="Saving…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

const MOVE_LABELS: Record<string, string> = { open: 'Reopen', in_progress: 'Start', done: 'Mark done', cancelled: 'Mark cancelled' };

/** The owner of an action item moves its status (release page and dashboard). */
export function MyItemStatusForm({
  action,
  releaseKey,
  itemId,
  status,
  label,
}: {
  action: Action;
  releaseKey: string;
  itemId: string;
  status: string;
  label: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-1">
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="itemId" value={itemId} />
      {STATUS_OPTIONS.filter((o) => o.value !== status).map((o) => (
        <SubmitButton key={o.value} name="status" value={o.value} variant="ghost" size="sm" pendingText="…">
          {MOVE_LABELS[o.value]}
          <span className="sr-only"> {label}</span>
        </SubmitButton>
      ))}
      {state.status === 'error' ? (
        <span role="alert" className="text-xs text-red-800">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
