'use client';

import { useActionState, useState } from 'react';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** Revokes one token after a confirmation. */
export function TokenRevoke({ action, tokenId, tokenName }: { action: (prev: FormState, form: FormData) => Promise<FormState>; tokenId: string; tokenName: string }) {
  const [state, formAction] = useActionState(action, IDLE);
  const [confirmAfter, setConfirmAfter] = useState<number | null>(null);
  const confirming = confirmAfter !== null && confirmAfter === (state.at ?? 0);
  return (
    <div className="space-y-1">
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? state.message : null}
      </FormError>
      {confirming ? (
        <form action={formAction} className="rounded-md border border-red-200 bg-red-50 p-2">
          <input type="hidden" name="id" value={tokenId} />
          <p className="text-xs text-red-900">Revoke {tokenName}? Anything using it is refused at once. This cannot be undone.</p>
          <div className="mt-1.5 flex gap-2">
            <SubmitButton variant="danger" size="sm" pendingText="Revoking…" autoFocus>
              Yes, revoke
            </SubmitButton>
            <Button variant="secondary" size="sm" onClick={() => setConfirmAfter(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="danger" size="sm" onClick={() => setConfirmAfter(state.at ?? 0)} aria-label={`Revoke token ${tokenName}`}>
          Revoke
        </Button>
      )}
    </div>
  );
}
