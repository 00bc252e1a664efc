'use client';

import { useActionState, useState } from 'react';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** Deleting an empty team, after a confirmation. */
export function TeamDelete({ action, teamId, teamName }: { action: (prev: FormState, form: FormData) => Promise<FormState>; teamId: string; teamName: string }) {
  const [state, formAction] = useActionState(action, IDLE);
  const [confirmAfter, setConfirmAfter] = useState<number | null>(null);
  const confirming = confirmAfter !== null && confirmAfter === (state.at ?? 0);
  return (
    <div className="space-y-2">
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? state.message : null}
      </FormError>
      {confirming ? (
        <form action={formAction} className="rounded-md border border-red-200 bg-red-50 p-3">
          <input type="hidden" name="id" value={teamId} />
          <p className="text-sm text-red-900">Delete the team {teamName}? This cannot be undone.</p>
          <div className="mt-2 flex gap-2">
            <SubmitButton variant="danger" pendingText="Deleting…" autoFocus>
              Yes, delete team
            </SubmitButton>
            <Button variant="secondary" onClick={() => setConfirmAfter(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="danger" onClick={() => setConfirmAfter(state.at ?? 0)}>
          Delete team
        </Button>
      )}
    </div>
  );
}
