'use client';

import { useActionState, useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { FieldError, inputClasses, labelClasses } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { cx } from '@/components/ui/cx';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

// the engine allows 4,000 characters (lib/server/approvals.ts MAX_COMMENT)
export const MAX_DECISION_COMMENT = 4_000;

/**
 * Approve or reject, with a comment. The digest of the package the approver is
 * looking at goes along hidden: if the scope changed meanwhile, the server refuses
 * the decision as stale instead of binding it to a package nobody reviewed.
 * A rejection needs a comment: the form says so before sending, the server enforces it.
 */
export function DecisionPanel({
  action,
  releaseKey,
  packageDigest,
  canDecide,
  cannotDecideBecause,
}: {
  action: Action;
  releaseKey: string;
  packageDigest: string | null;
  canDecide: boolean;
  cannotDecideBecause: string | null;
}) {
  // the state lives here, above the form: after a decision the page refreshes and
  // the viewer can no longer decide, but the outcome message stays in view
  const t = useTranslations('approvals.decisionForm');
  const [state, formAction] = useActionState(action, IDLE);
  const done = state.status === 'ok';
  return (
    <div className="space-y-3">
      {done ? <FormSuccess>{state.message}</FormSuccess> : null}
      {canDecide ? (
        <DecisionForm key={done ? `done-${state.at}` : 'form'} state={state} formAction={formAction} releaseKey={releaseKey} packageDigest={packageDigest} />
      ) : (
        <p data-testid="cannot-decide" className="rounded-md border border-gray-300 bg-gray-50 px-3 py-2 text-sm text-gray-900">
          <span className="font-medium">{t('cannotDecide')}</span>
          {cannotDecideBecause ?? t('noApproverRole')}
        </p>
      )}
    </div>
  );
}

function DecisionForm({
  state,
  formAction,
  releaseKey,
  packageDigest,
}: {
  state: FormState;
  formAction: (form: FormData) => void;
  releaseKey: string;
  packageDigest: string | null;
}) {
  const t = useTranslations('approvals.decisionForm');
  const formRef = useFocusOnError(state, 'decision-comment');
  const failed = state.status === 'error';
  const [decision, setDecision] = useState<string>(failed ? valueOf(state, 'decision', '') : '');
  const [hint, setHint] = useState<string | null>(null);
  const [choiceHint, setChoiceHint] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const groupId = useId();
  const decisionErrors = errorsOf(state, 'decision');
  const commentErrors = hint ? [hint] : errorsOf(state, 'comment');
  const digestErrors = errorsOf(state, 'packageDigest');

  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      className="space-y-3"
      aria-label={t('label', { key: releaseKey })}
      onSubmit={(e) => {
        const data = new FormData(e.currentTarget);
        const chosen = data.get('decision');
        const comment = String(data.get('comment') ?? '').trim();
        if (!chosen) {
          e.preventDefault();
          setHint(null);
          setChoiceHint(t('chooseOne'));
          (e.currentTarget.querySelector('input[name="decision"]') as HTMLInputElement | null)?.focus();
          return;
        }
        if (chosen === 'reject' && !comment) {
          e.preventDefault();
          setHint(t('rejectionNeedsComment'));
          commentRef.current?.focus();
          return;
        }
        setHint(null);
        setChoiceHint(null);
      }}
    >
      <FormError key={state.at} requestId={state.requestId}>
        {failed ? state.message : null}
      </FormError>
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="packageDigest" value={packageDigest ?? ''} />
      {digestErrors?.length ? <p className="text-xs font-medium text-red-700">{digestErrors.join(' ')}</p> : null}
      <DecisionChoice
        groupId={groupId}
        decision={decision}
        onChange={(v) => {
          setDecision(v);
          setChoiceHint(null);
        }}
        errors={choiceHint ? [choiceHint] : decisionErrors}
      />
      <div>
        <label htmlFor="decision-comment" className={labelClasses}>
          {t.rich(decision === 'reject' ? 'commentReject' : 'commentApprove', {
            note: (c) => <span className="font-normal text-gray-700">{c}</span>,
          })}
        </label>
        <p id="decision-comment-hint" className="mt-1 text-xs text-gray-600">
          {decision === 'reject' ? t('hintReject') : t('hintApprove')}
        </p>
        <textarea
          ref={commentRef}
          id="decision-comment"
          name="comment"
          rows={4}
          maxLength={MAX_DECISION_COMMENT}
          defaultValue={failed ? valueOf(state, 'comment') : ''}
          aria-required={decision === 'reject' || undefined}
          aria-invalid={commentErrors?.length ? true : undefined}
          aria-describedby={cx('decision-comment-hint', commentErrors?.length ? 'decision-comment-error' : '') || undefined}
          className={cx('mt-1', inputClasses)}
          onInput={() => hint && setHint(null)}
        />
        <FieldError id="decision-comment" errors={commentErrors} />
      </div>
      <SubmitButton variant={decision === 'reject' ? 'danger' : 'primary'} pendingText={t('pending')}>
        {decision === 'reject' ? t('reject') : decision === 'approve' ? t('approve') : t('record')}
      </SubmitButton>
    </form>
  );
}

function DecisionChoice({ groupId, decision, onChange, errors }: { groupId: string; decision: string; onChange: (v: string) => void; errors?: string[] }) {
  const t = useTranslations('approvals.decisionForm');
  const options = [
    { value: 'approve', label: t('options.approve'), help: t('options.approveHelp') },
    { value: 'reject', label: t('options.reject'), help: t('options.rejectHelp') },
  ];
  return (
    <fieldset aria-describedby={errors?.length ? `${groupId}-error` : undefined}>
      <legend className={labelClasses}>{t('legend')}</legend>
      <div className="mt-1 grid grid-cols-2 gap-2">
        {options.map((o) => {
          const id = `${groupId}-${o.value}`;
          const checked = decision === o.value;
          return (
            <label
              key={o.value}
              htmlFor={id}
              className={cx(
                'flex cursor-pointer items-start gap-2 rounded-md border px-2.5 py-2 text-sm focus-within:ring-2 focus-within:ring-blue-600',
                checked ? (o.value === 'reject' ? 'border-red-700 bg-red-50' : 'border-green-700 bg-green-50') : 'border-gray-300 bg-white hover:bg-gray-50',
              )}
            >
              <input
                id={id}
                type="radio"
                name="decision"
                value={o.value}
                checked={checked}
                onChange={() => onChange(o.value)}
                className="mt-0.5 size-4 accent-blue-700"
              />
              <span>
                <span className="block font-medium text-gray-900">{o.label}</span>
                <span className="block text-xs text-gray-700">{o.help}</span>
              </span>
            </label>
          );
        })}
      </div>
      {errors?.length ? (
        <p id={`${groupId}-error`} className="mt-1 text-xs font-medium text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
