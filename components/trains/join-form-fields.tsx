'use client';

import { useActionState } from 'react';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { SelectField, TextAreaField } from '@/components/ui/field';
import { fieldBinder } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { LATE_JOIN_REASON_MIN } from '@/lib/domain/train-rules';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface DepartureChoice {
  /** trainId|departureAt */
  value: string;
  label: string;
}

/** Puts a release on a departure (the value carries the train and the departure's instant). */
export function JoinTrainForm({ action, releaseKey, choices }: { action: Action; releaseKey: string; choices: DepartureChoice[] }) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const bind = fieldBinder(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-2">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <SelectField
        {...bind('departure', '')}
        id="train-departure"
        label="Departure"
        required
        options={[{ value: '', label: 'Choose a departure…' }, ...choices]}
      />
      <SubmitButton size="sm" pendingText="Joining…">
        Join train
      </SubmitButton>
    </form>
  );
}

/** Asks for a late-join exception: a second person must grant it before the release can join. */
export function LateJoinForm({ action, releaseKey, choices }: { action: Action; releaseKey: string; choices: DepartureChoice[] }) {
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
        label="Departure past its cut-off"
        required
        options={[{ value: '', label: 'Choose a departure…' }, ...choices]}
      />
      <TextAreaField
        {...bind('reason', '')}
        id="late-join-reason"
        label="Why must this release join after the cut-off?"
        rows={3}
        maxLength={2000}
        hint={`At least ${LATE_JOIN_REASON_MIN} characters: what breaks if it waits, and who agreed. Another release manager or an admin must grant it.`}
      />
      <SubmitButton size="sm" variant="secondary" pendingText="Asking…">
        Ask for a late-join exception
      </SubmitButton>
    </form>
  );
}

/** Grant, or refuse / withdraw, a late-join exception. */
export function LateJoinDecision({
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
            <SubmitButton size="sm" pendingText="Granting…">
              Grant late join<span className="sr-only"> for {context}</span>
            </SubmitButton>
          </form>
        ) : null}
        <form action={refuse}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton size="sm" variant={own ? 'secondary' : 'danger'} pendingText={own ? 'Withdrawing…' : 'Refusing…'}>
            {own ? 'Withdraw request' : 'Refuse'}
            <span className="sr-only"> for {context}</span>
          </SubmitButton>
        </form>
      </div>
      {own ? <p className="text-xs text-gray-700">You asked for this exception: another release manager or an admin must grant it.</p> : null}
    </div>
  );
}
