'use client';

import { useActionState, useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { GateResult } from '@/lib/domain/result';
import type { TransitionFormState } from '../lifecycle-actions';
import { GateList } from '@/components/releases/detail/gate-list';

/**
 * One transition's button. It is enabled only when every gate passed (the
 * server checks again); cancelling asks for a reason first. A refusal shows the
 * gates the server returned, which may differ from what the page showed if the
 * release changed meanwhile.
 */
export function LifecycleTransition({
  action,
  releaseKey,
  version,
  to,
  label,
  allowed,
  needsReason,
  danger,
}: {
  action: (prev: TransitionFormState, form: FormData) => Promise<TransitionFormState>;
  releaseKey: string;
  version: number;
  to: string;
  label: string;
  allowed: boolean;
  needsReason: boolean;
  danger: boolean;
}) {
  const t = useTranslations('releases.transition');
  const [state, formAction] = useActionState(action, IDLE as TransitionFormState);
  const [asking, setAsking] = useState(false);
  const [closedAt, setClosedAt] = useState<number | undefined>(undefined);
  const formRef = useFocusOnError(state, `reason-${to}`);
  const refusedGates: GateResult[] | undefined = state.status === 'error' ? state.data?.gates : undefined;
  const reasonId = `reason-${to}`;
  const refusedIds = `refused-${to}`;
  const showReason = needsReason && (asking || (!!state.fieldErrors?.reason && closedAt !== state.at));
  // opening the reason form puts the keyboard in it
  useEffect(() => {
    if (asking) document.getElementById(reasonId)?.focus();
  }, [asking, reasonId]);

  return (
    <div className="space-y-2">
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? state.message : null}
      </FormError>
      {state.status === 'ok' ? <FormSuccess>{state.message}</FormSuccess> : null}
      {refusedGates?.length ? (
        <div className="rounded-md border border-red-200 bg-red-50/50 p-2">
          <p className="mb-1 text-xs font-semibold text-gray-900">{t('serverChecked')}</p>
          <GateList gates={refusedGates} idPrefix={refusedIds} />
        </div>
      ) : null}
      {showReason ? (
        <form ref={formRef} action={formAction} className="space-y-2 rounded-md border border-gray-300 bg-gray-50 p-3">
          <input type="hidden" name="releaseKey" value={releaseKey} />
          <input type="hidden" name="to" value={to} />
          <input type="hidden" name="version" value={version} />
          <TextAreaField
            id={reasonId}
            name="reason"
            label={t('reason.label', { key: releaseKey })}
            hint={t('reason.hint')}
            errors={state.fieldErrors?.reason}
            defaultValue={typeof state.values?.reason === 'string' ? state.values.reason : ''}
            maxLength={2000}
            rows={2}
          />
          <div className="flex gap-2">
            <SubmitButton variant={danger ? 'danger' : 'primary'} pendingText={t('pending')}>
              {label}
            </SubmitButton>
            <Button
              variant="secondary"
              onClick={() => {
                setAsking(false);
                setClosedAt(state.at);
              }}
            >
              {t('keep')}
            </Button>
          </div>
        </form>
      ) : needsReason ? (
        <Button variant={danger ? 'danger' : 'secondary'} disabled={!allowed} onClick={() => setAsking(true)} aria-describedby={`gates-${to}`}>
          {t('asking', { label })}
        </Button>
      ) : (
        <form action={formAction}>
          <input type="hidden" name="releaseKey" value={releaseKey} />
          <input type="hidden" name="to" value={to} />
          <input type="hidden" name="version" value={version} />
          {allowed ? (
            <SubmitButton variant={danger ? 'danger' : 'primary'} pendingText={t('pending')}>
              {label}
            </SubmitButton>
          ) : (
            <Button variant="secondary" disabled aria-describedby={`gates-${to}`}>
              {label}
            </Button>
          )}
        </form>
      )}
    </div>
  );
}
