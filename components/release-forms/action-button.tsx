'use client';

import { useActionState } from 'react';
import { IDLE, type FormState } from '@/components/forms/form-state';
import type { ButtonVariant } from '@/components/ui/button';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/**
 * One button that runs a server action with fixed hidden fields (remove, start,
 * finish), showing the refusal next to it. `confirm` asks before destructive ones.
 */
export function ActionButton({
  action,
  fields,
  label,
  pendingText,
  variant = 'secondary',
  confirm,
  srContext,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingText?: string;
  variant?: ButtonVariant;
  confirm?: string;
  /** extra words for screen readers, e.g. the row's name */
  srContext?: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form
      action={formAction}
      className="inline-flex flex-col items-start gap-1"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton size="sm" variant={variant} pendingText={pendingText}>
        {label}
        {srContext ? <span className="sr-only"> {srContext}</span> : null}
      </SubmitButton>
      <span role="status" className={state.status === 'error' ? 'max-w-56 text-xs font-medium text-red-700' : 'sr-only'}>
        {state.status === 'error' ? state.message : state.status === 'ok' ? state.message : ''}
      </span>
    </form>
  );
}
