'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState, type ReactNode } from 'react';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { Button, type ButtonSize } from './button';
import { cx } from './cx';
import { FormError } from './form-message';
import { SubmitButton } from './submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/**
 * The red "are you sure?" box of a destructive action: the question, a
 * pending-aware confirm button (focused when the box opens, so keyboard users
 * land on it) and Cancel. `children` are the form's hidden inputs.
 */
export function ConfirmPanel({
  action,
  question,
  confirmLabel,
  pendingText,
  onCancel,
  size = 'md',
  dense = false,
  children,
}: {
  action: (form: FormData) => void;
  question: ReactNode;
  confirmLabel: ReactNode;
  pendingText: string;
  onCancel: () => void;
  size?: ButtonSize;
  /** smaller text, for a table cell */
  dense?: boolean;
  children: ReactNode;
}) {
  const t = useTranslations('ui');
  return (
    <form action={action} className={cx('rounded-md border border-red-200 bg-red-50', size === 'sm' ? 'p-2' : 'p-3')}>
      {children}
      <p className={cx(dense ? 'text-xs' : 'text-sm', 'text-red-900')}>{question}</p>
      <div className={cx(dense ? 'mt-1.5' : 'mt-2', 'flex gap-2')}>
        <SubmitButton variant="danger" size={size} pendingText={pendingText} autoFocus>
          {confirmLabel}
        </SubmitButton>
        <Button variant="secondary" size={size} onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}

/**
 * A danger button that asks first, then submits `id` to `action` and shows the
 * refusal, if any. After a refusal the confirmation closes, so a second try
 * asks again.
 */
export function ConfirmAction({
  action,
  id,
  trigger,
  triggerAriaLabel,
  question,
  confirmLabel,
  pendingText,
  size = 'md',
  dense = false,
}: {
  action: Action;
  /** sent as the form field "id" */
  id: string;
  trigger: ReactNode;
  triggerAriaLabel?: string;
  question: ReactNode;
  confirmLabel: ReactNode;
  pendingText: string;
  size?: ButtonSize;
  dense?: boolean;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const [confirmAfter, setConfirmAfter] = useState<number | null>(null);
  const confirming = confirmAfter !== null && confirmAfter === (state.at ?? 0);
  return (
    <div className={dense ? 'space-y-1' : 'space-y-2'}>
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? state.message : null}
      </FormError>
      {confirming ? (
        <ConfirmPanel
          action={formAction}
          question={question}
          confirmLabel={confirmLabel}
          pendingText={pendingText}
          onCancel={() => setConfirmAfter(null)}
          size={size}
          dense={dense}
        >
          <input type="hidden" name="id" value={id} />
        </ConfirmPanel>
      ) : (
        <Button variant="danger" size={size} onClick={() => setConfirmAfter(state.at ?? 0)} aria-label={triggerAriaLabel}>
          {trigger}
        </Button>
      )}
    </div>
  );
}
