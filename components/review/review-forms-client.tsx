'use client';

import { useActionState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { DateField } from '@/components/ui/date-field';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { KeepInput } from '@/components/forms/keep-input';
import { ACTION_ITEM_STATUSES } from '@/lib/domain/statuses';

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
  const t = useTranslations('review.form');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const v = (name: keyof ReviewValues, fallback: string) => (failed ? valueOf(state, name, fallback) : fallback);
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-3">
      <KeepInput id={`review:${releaseKey}`} state={state} />
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField
          id="review-outcome"
          name="outcome"
          label={t('outcome')}
          options={[
            { value: '', label: t('outcomes.undecided') },
            { value: 'successful', label: t('outcomes.successful') },
            { value: 'partially_successful', label: t('outcomes.partiallySuccessful') },
            { value: 'failed', label: t('outcomes.failed') },
          ]}
          defaultValue={v('outcome', review.outcome)}
          errors={errorsOf(state, 'outcome')}
        />
        <SelectField
          id="review-objectives"
          name="objectivesMet"
          label={t('objectivesMet')}
          options={[
            { value: '', label: t('objectives.unassessed') },
            { value: 'yes', label: t('objectives.yes') },
            { value: 'no', label: t('objectives.no') },
          ]}
          defaultValue={v('objectivesMet', review.objectivesMet)}
          errors={errorsOf(state, 'objectivesMet')}
        />
      </div>
      <TextAreaField
        id="review-objectives-notes"
        name="objectivesNotes"
        label={t('objectivesNotes')}
        rows={2}
        maxLength={MAX}
        defaultValue={v('objectivesNotes', review.objectivesNotes)}
        errors={errorsOf(state, 'objectivesNotes')}
      />
      <TextAreaField
        id="review-incidents"
        name="incidents"
        label={t('incidents')}
        hint={t('incidentsHint')}
        rows={3}
        maxLength={MAX}
        defaultValue={v('incidents', review.incidents)}
        errors={errorsOf(state, 'incidents')}
      />
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <TextAreaField
          id="review-went-well"
          name="wentWell"
          label={t('wentWell')}
          rows={4}
          maxLength={MAX}
          defaultValue={v('wentWell', review.wentWell)}
          errors={errorsOf(state, 'wentWell')}
        />
        <TextAreaField
          id="review-went-badly"
          name="wentBadly"
          label={t('wentBadly')}
          rows={4}
          maxLength={MAX}
          defaultValue={v('wentBadly', review.wentBadly)}
          errors={errorsOf(state, 'wentBadly')}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="intent" value="complete" size="sm" pendingText={t('pending')}>
          {completed ? t('saveComplete') : t('complete')}
        </SubmitButton>
        <SubmitButton name="intent" value="draft" variant="secondary" size="sm" pendingText={t('pending')}>
          {completed ? t('reopen') : t('saveDraft')}
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
  const t = useTranslations('review.actionItem');
  const ts = useTranslations('statuses');
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
          label={t('title')}
          required
          maxLength={300}
          autoComplete="off"
          defaultValue={v('title', item?.title ?? '')}
          errors={errorsOf(state, 'title')}
        />
        <SelectField
          id={`${p}owner`}
          name="ownerId"
          label={t('owner')}
          required
          options={[{ value: '', label: t('choose') }, ...users.map((u) => ({ value: u.id, label: u.name }))]}
          defaultValue={v('ownerId', item?.ownerId ?? '')}
          errors={errorsOf(state, 'ownerId')}
        />
        <DateField
          id={`${p}due`}
          name="dueDate"
          label={t('due')}

          required
          defaultValue={v('dueDate', item?.dueDate ?? '')}
          errors={errorsOf(state, 'dueDate')}
        />
        <SelectField
          id={`${p}status`}
          name="status"
          label={t('status')}
          options={ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: ts(`actionItem.${s}`) }))}
          defaultValue={v('status', item?.status ?? 'open')}
          errors={errorsOf(state, 'status')}
        />
      </div>
      <SubmitButton size="sm" pendingText={t('pending')}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

/**
 * The owner of an action item moves its status (release page and dashboard): one button per
 * other status, its words (`moves`, by status) given translated by review-forms.tsx, so that
 * a list of items carries no catalogue.
 */
export function MyItemStatusButtons({
  action,
  releaseKey,
  itemId,
  status,
  moves,
}: {
  action: Action;
  releaseKey: string;
  itemId: string;
  status: string;
  moves: Partial<Record<string, ReactNode>>;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-1">
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="itemId" value={itemId} />
      {ACTION_ITEM_STATUSES.filter((s) => s !== status).map((s) => (
        <SubmitButton key={s} name="status" value={s} variant="ghost" size="sm" pendingText="…">
          {moves[s]}
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
