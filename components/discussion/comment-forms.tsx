'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { errorsOf, IDLE, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { TextAreaField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { KeepInput } from '@/components/forms/keep-input';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Writes a comment in a release's discussion, or (kind "question", on the approval card) asks a question. */
export function CommentForm({
  releaseKey,
  action,
  kind = 'comment',
  idPrefix = 'new-comment',
}: {
  releaseKey: string;
  action: Action;
  kind?: 'comment' | 'question';
  idPrefix?: string;
}) {
  const t = useTranslations('discussion');
  const [state, formAction] = useActionState(action, IDLE);
  const ref = useFocusOnError(state, `${idPrefix}-body`);
  const question = kind === 'question';
  return (
    <form ref={ref} action={formAction} className="space-y-2" noValidate>
      <KeepInput id={`comment:${releaseKey}:${kind}`} state={state} />
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="kind" value={kind} />
      <TextAreaField
        key={state.at}
        id={`${idPrefix}-body`}
        name="body"
        label={question ? t('question') : t('comment')}
        hint={question ? t('questionHint') : t('hint')}
        rows={4}
        maxLength={10_000}
        defaultValue={state.status === 'error' ? valueOf(state, 'body') : ''}
        errors={errorsOf(state, 'body') ?? errorsOf(state, 'releaseKey') ?? errorsOf(state, 'kind')}
      />
      <SubmitButton pendingText={question ? t('asking') : t('posting')}>{question ? t('ask') : t('post')}</SubmitButton>
    </form>
  );
}

/** The author's form to change a comment's text (inside a disclosure); the earlier text is kept. */
export function EditCommentForm({
  releaseKey,
  commentId,
  body,
  version,
  action,
}: {
  releaseKey: string;
  commentId: string;
  body: string;
  version: number;
  action: Action;
}) {
  const t = useTranslations('discussion');
  const [state, formAction] = useActionState(action, IDLE);
  const id = `edit-${commentId}-body`;
  const ref = useFocusOnError(state, id);
  return (
    <form ref={ref} action={formAction} className="mt-2 space-y-2" noValidate>
      <KeepInput id={`comment-edit:${commentId}`} state={state} />
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="version" value={state.status === 'error' ? valueOf(state, 'version', String(version)) : String(version)} />
      <TextAreaField
        key={`${state.at}-${version}`}
        id={id}
        name="body"
        label={t('edit.label')}
        hint={t('editHint')}
        rows={4}
        maxLength={10_000}
        defaultValue={state.status === 'error' ? valueOf(state, 'body') : body}
        errors={errorsOf(state, 'body') ?? errorsOf(state, 'version') ?? errorsOf(state, 'commentId')}
      />
      <SubmitButton variant="secondary" size="sm" pendingText={t('edit.saving')}>
        {t('edit.save')}
      </SubmitButton>
    </form>
  );
}
