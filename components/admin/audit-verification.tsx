'use client';

import { useActionState } from 'react';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { Badge } from '@/components/ui/badge';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export interface VerificationView {
  ok: boolean;
  checked: number;
  headSeq: string;
  problem?: { kind: string; seq: string; message: string };
  verifiedAt: string;
  by?: string;
  /** the signed checkpoints kept outside the database that the chain was held against */
  checkpoints?: { checked: number; last: { seq: string; at: string } | null };
}

/** What the checkpoints said, in one line (nothing for a verification from before checkpoints). */
function CheckpointsLine({ v }: { v: VerificationView }) {
  if (!v.checkpoints) return null;
  const { checked, last } = v.checkpoints;
  return (
    <p className="text-xs text-gray-700" data-testid="verification-checkpoints">
      {checked === 0
        ? 'No signed checkpoint kept outside the database to hold it against yet.'
        : `Held against ${checked.toLocaleString('en-GB')} signed checkpoint${checked === 1 ? '' : 's'} kept outside the database${last ? `; the last names #${last.seq}, ${utc(last.at)}` : ''}.`}
    </p>
  );
}

type Action = (prev: FormState<VerificationView>) => Promise<FormState<VerificationView>>;

const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** The latest verification of the audit hash chain, and a button to walk it again now. */
export function AuditVerification({ last, action }: { last: VerificationView | null; action: Action }) {
  const [state, formAction] = useActionState(action, IDLE as FormState<VerificationView>);
  const shown = state.status === 'ok' && state.data ? state.data : last;
  return (
    <div className="space-y-3">
      <div data-testid="verification" role="status" className="text-sm">
        {!shown ? (
          <p className="text-gray-800">The chain has not been verified yet.</p>
        ) : shown.ok ? (
          <div className="space-y-1">
            <p className="flex items-center gap-2">
              <Badge tone="green">Intact</Badge>
              <span className="text-gray-900">
                The chain is intact: {shown.checked.toLocaleString('en-GB')} events checked, up to #{shown.headSeq}.
              </span>
            </p>
            <CheckpointsLine v={shown} />
            <p className="text-xs text-gray-700">
              Verified {utc(shown.verifiedAt)}
              {shown.by ? ` by ${shown.by}` : ''}.
            </p>
          </div>
        ) : (
          <div className="space-y-1">
            <p className="flex items-center gap-2">
              <Badge tone="red">Broken</Badge>
              <span className="font-medium text-red-900">The chain is broken at event #{shown.problem?.seq ?? '?'}.</span>
            </p>
            {shown.problem ? <p className="text-red-900">{shown.problem.message}</p> : null}
            <CheckpointsLine v={shown} />
            <p className="text-xs text-gray-700">
              {shown.checked.toLocaleString('en-GB')} events checked before the break. Verified {utc(shown.verifiedAt)}
              {shown.by ? ` by ${shown.by}` : ''}.
            </p>
          </div>
        )}
      </div>
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? state.message : null}
      </FormError>
      <form action={formAction}>
        <SubmitButton variant="secondary" pendingText="Verifying…">
          Verify chain now
        </SubmitButton>
      </form>
    </div>
  );
}
