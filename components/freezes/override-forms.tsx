'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { SelectField, TextAreaField } from '@/components/ui/field';
import { fieldBinder } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { OVERRIDE_REASON_MIN } from '@/lib/domain/freeze-override';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Requests a freeze override for a release: which freeze, where, and a typed reason. */
export function OverrideRequestForm({
  action,
  releaseKey,
  freezes,
  environments,
}: {
  action: Action;
  releaseKey: string;
  freezes: { id: string; name: string; description: string }[];
  environments: { name: string; displayName: string }[];
}) {
  const t = useTranslations('freezes.override');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const bind = fieldBinder(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField
          {...bind('freezeId', '')}
          id="override-freeze"
          label={t('freeze')}
          required
          options={[{ value: '', label: t('chooseFreeze') }, ...freezes.map((f) => ({ value: f.id, label: `${f.name} — ${f.description}` }))]}
        />
        <SelectField
          {...bind('environmentName', environments.length === 1 ? environments[0]!.name : '')}
          id="override-environment"
          label={t('environment')}
          required
          options={[
            { value: '', label: t('chooseEnvironment') },
            ...environments.map((e) => ({ value: e.name, label: e.displayName === e.name ? e.name : `${e.displayName} (${e.name})` })),
          ]}
        />
      </div>
      <TextAreaField
        {...bind('reason', '')}
        id="override-reason"
        label={t('reason')}
        rows={3}
        maxLength={2000}
        hint={t('reasonHint', { min: OVERRIDE_REASON_MIN })}
      />
      <SubmitButton pendingText={t('requesting')}>{t('request')}</SubmitButton>
    </form>
  );
}

/** Confirm (grant) or refuse/withdraw a requested override. */
export function OverrideDecision({ id, confirmAction, refuseAction, own }: { id: string; confirmAction: Action; refuseAction: Action; own: boolean }) {
  const t = useTranslations('freezes.override');
  const [confirmState, confirm] = useActionState(confirmAction, IDLE);
  const [refuseState, refuse] = useActionState(refuseAction, IDLE);
  const latest = (confirmState.at ?? 0) >= (refuseState.at ?? 0) ? confirmState : refuseState;
  return (
    <div className="space-y-1.5">
      <FormMessages state={latest} />
      <div className="flex flex-wrap gap-2">
        {own ? null : (
          <form action={confirm}>
            <input type="hidden" name="id" value={id} />
            <SubmitButton size="sm" pendingText={t('confirming')}>
              {t('confirm')}
            </SubmitButton>
          </form>
        )}
        <form action={refuse}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton size="sm" variant={own ? 'secondary' : 'danger'} pendingText={own ? t('withdrawing') : t('refusing')}>
            {own ? t('withdraw') : t('refuse')}
          </SubmitButton>
        </form>
      </div>
      {own ? <p className="text-xs text-gray-700">{t('ownRequest')}</p> : null}
    </div>
  );
}
