'use client';

import type { FormState } from '@/components/forms/form-state';
import { ConfirmAction } from '@/components/ui/confirm-action';

/** Removes a maintenance window after a confirmation. */
export function WindowRemove({
  action,
  windowId,
  label,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  windowId: string;
  label: string;
}) {
  return (
    <ConfirmAction
      action={action}
      id={windowId}
      size="sm"
      trigger="Remove"
      triggerAriaLabel={`Remove the window ${label}`}
      question={`Remove the window “${label}”? Releases can then no longer be scheduled in it.`}
      confirmLabel="Yes, remove"
      pendingText="Removing…"
    />
  );
}
