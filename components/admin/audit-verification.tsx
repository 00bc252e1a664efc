'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('admin-audit.verification');
  if (!v.checkpoints) return null;
  const { checked, last } = v.checkpoints;
  return (
    <p className="text-xs text-gray-700" data-testid="verification-checkpoints">
      {checked === 0
        ? t('noCheckpoints')
        : last
          ? t('checkpointsLast', { count: checked, seq: last.seq, when: utc(last.at) })
          : t('checkpoints', { count: checked })}
    </p>
  );
}

type Action = (prev: FormState<VerificationView>) => Promise<FormState<VerificationView>>;

const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** The latest verification of the audit hash chain, and a button to walk it again now. */
export function AuditVerification({ last, action }: { last: VerificationView | null; action: Action }) {
  const t = useTranslations('admin-audit.verification');
  const [state, formAction] = useActionState(action, IDLE as FormState<VerificationView>);
  const shown = state.status === 'ok' && state.data ? state.data : last;
  const verified = (v: VerificationView) => (v.by ? t('verifiedBy', { when: utc(v.verifiedAt), by: v.by }) : t('verified', { when: utc(v.verifiedAt) }));
  return (
    <div className="space-y-3">
      <div data-testid="verification" role="status" className="text-sm">
        {!shown ? (
          <p className="text-gray-800">{t('never')}</p>
        ) : shown.ok ? (
          <div className="space-y-1">
            <p className="flex items-center gap-2">
              <Badge tone="green">{t('intact')}</Badge>
              <span className="text-gray-900">{t('intactSummary', { checked: shown.checked, seq: shown.headSeq })}</span>
            </p>
            <CheckpointsLine v={shown} />
            <p className="text-xs text-gray-700">{verified(shown)}</p>
          </div>
        ) : (
          <div className="space-y-1">
            <p className="flex items-center gap-2">
              <Badge tone="red">{t('broken')}</Badge>
              <span className="font-medium text-red-900">{t('brokenAt', { seq: shown.problem?.seq ?? '?' })}</span>
            </p>
            {shown.problem ? <p className="text-red-900">{shown.problem.message}</p> : null}
            <CheckpointsLine v={shown} />
            <p className="text-xs text-gray-700">
              {t('checkedBeforeBreak', { checked: shown.checked })} {verified(shown)}
            </p>
          </div>
        )}
      </div>
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? state.message : null}
      </FormError>
      <form action={formAction}>
        <SubmitButton variant="secondary" pendingText={t('pending')}>
          {t('verify')}
        </SubmitButton>
      </form>
    </div>
  );
}
