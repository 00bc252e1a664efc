'use client';

import type { FormState } from '@/components/forms/form-state';
import { ConfirmAction } from '@/components/ui/confirm-action';

/** Revokes one token after a confirmation. */
export function TokenRevoke({
  action,
  tokenId,
  tokenName,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  tokenId: string;
  tokenName: string;
}) {
  return (
    <ConfirmAction
      action={action}
      id={tokenId}
      size="sm"
      dense
      trigger="Revoke"
      triggerAriaLabel={`Revoke token ${tokenName}`}
      question={`Revoke ${tokenName}? Anything using it is refused at once. This cannot be undone.`}
      confirmLabel="Yes, revoke"
      pendingText="Revoking…"
    />
  );
}
