'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { SelectField, TextAreaField } from '@/components/ui/field';
import { fieldBinder } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { LATE_JOIN_REASON_MIN } from '@/lib/domain/train-rules';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

// The words come from the trains catalogue: render these through join-forms.tsx, which hands it to them.

export interface DepartureChoice {
  /** trainId|departureAt */
  value: string;
  label: string;
}

/** Puts a release on a departure (the value carries the train and the departure's instant). */
export function JoinTrainFields({ action, releaseKey, choices }: { action: Action; releaseKey: string; choices: DepartureChoice[] }) {
  const t = useTranslations('trains.join');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const bind = fieldBinder(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-2">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <SelectField {...bind('departure', '')} id="train-departure" label={t('departure')} required options={[{ value: '', label: t('choose') }, ...choices]} />
      <SubmitButton size="sm" pendingText={t('joining')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}

/** Asks for a late-join exception: a second person must grant it before the release can join. */
export function LateJoinFields({ action, releaseKey, choices }: { action: Action; releaseKey: string; choices: DepartureChoice[] }) {
  const t = useTranslations('trains.lateJoin');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const bind = fieldBinder(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-2">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <SelectField
        {...bind('departure', choices.length === 1 ? choices[0]!.value : '')}
        id="late-join-departure"
        label={t('departure')}
        required
        options={[{ value: '', label: t('choose') }, ...choices]}
      />
      <TextAreaField
        {...bind('reason', '')}
        id="late-join-reason"
        label={t('reason')}
        rows={3}
        maxLength={2000}
        hint={t('reasonHint', { min: LATE_JOIN_REASON_MIN })}
      />
      <SubmitButton size="sm" variant="secondary" pendingText={t('asking')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}

/** Grant, or refuse / withdraw, a late-join exception. */
export function LateJoinDecisionFields({
  id,
  grantAction,
  refuseAction,
  canGrant,
  own,
  context,
}: {
  id: string;
  grantAction: Action;
  refuseAction: Action;
  canGrant: boolean;
  own: boolean;
  context: string;
}) {
  const t = useTranslations('trains.decision');
  const [grantState, grant] = useActionState(grantAction, IDLE);
  const [refuseState, refuse] = useActionState(refuseAction, IDLE);
  const latest = (grantState.at ?? 0) >= (refuseState.at ?? 0) ? grantState : refuseState;
  return (
    <div className="space-y-1.5">
      <FormMessages state={latest} />
      <div className="flex flex-wrap gap-2">
        {canGrant ? (
          <form action={grant}>
            <input type="hidden" name="id" value={id} />
            <SubmitButton size="sm" pendingText={t('granting')}>
              {t.rich('grant', { context, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
            </SubmitButton>
          </form>
        ) : null}
        <form action={refuse}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton size="sm" variant={own ? 'secondary' : 'danger'} pendingText={own ? t('withdrawing') : t('refusing')}>
            {t.rich(own ? 'withdraw' : 'refuse', { context, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
          </SubmitButton>
        </form>
      </div>
      {own ? <p className="text-xs text-gray-700">{t('own')}</p> : null}
    </div>
  );
}
