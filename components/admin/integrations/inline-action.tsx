'use client';

import { useActionState } from 'react';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ButtonVariant } from '@/components/ui/button';

type Action = (prev: FormState, form: FormData) => Promise<FormState<unknown>>;

/** One button that submits a few hidden fields to `action`, with its pending state and outcome. */
export function InlineAction({
  action,
  fields,
  label,
  what,
  pendingText,
  variant = 'secondary',
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  /** what it acts on, for screen readers (the visible label is short) */
  what?: string;
  pendingText: string;
  variant?: ButtonVariant;
}) {
  const [state, formAction] = useActionState(action, IDLE as FormState<unknown>);
  return (
    <form action={formAction} className="space-y-1">
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton variant={variant} size="sm" pendingText={pendingText}>
        {label}
        {what ? <span className="sr-only"> {what}</span> : null}
      </SubmitButton>
      <div className="text-xs">
        <FormMessages state={state} />
      </div>
    </form>
  );
}
