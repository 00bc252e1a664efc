'use client';

import { useActionState, useState } from 'react';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** Removes a maintenance window after a confirmation. */
export function WindowRemove({ action, windowId, label }: { action: (prev: FormState, form: FormData) => Promise<FormState>; windowId: string; label: string }) {
  const [state, formAction] = useActionState(action, IDLE);
  const [confirmAfter, setConfirmAfter] = useState<number | null>(null);
  const confirming = confirmAfter !== null && confirmAfter === (state.at ?? 0);
  return (
    <div className="space-y-2">
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? state.message : null}
      </FormError>
      {confirming ? (
        <form action={formAction} className="rounded-md border border-red-200 bg-red-50 p-2">
          <input type="hidden" name="id" value={windowId} />
          <p className="text-sm text-red-900">Remove the window “{label}”? Releases can then no longer be scheduled in it.</p>
          <div className="mt-2 flex gap-2">
            <SubmitButton variant="danger" size="sm" pendingText="Removing…" autoFocus>
              Yes, remove
            </SubmitButton>
            <Button variant="secondary" size="sm" onClick={() => setConfirmAfter(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="danger" size="sm" onClick={() => setConfirmAfter(state.at ?? 0)} aria-label={`Remove the window ${label}`}>
          Remove
        </Button>
      )}
    </div>
  );
}
