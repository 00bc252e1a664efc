'use client';

import type { FormState } from '@/components/forms/form-state';
import { ConfirmAction } from '@/components/ui/confirm-action';

/** Deleting an empty team, after a confirmation. */
export function TeamDelete({
  action,
  teamId,
  teamName,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  teamId: string;
  teamName: string;
}) {
  return (
    <ConfirmAction
      action={action}
      id={teamId}
      trigger="Delete team"
      question={`Delete the team ${teamName}? This cannot be undone.`}
      confirmLabel="Yes, delete team"
      pendingText="Deleting…"
    />
  );
}
