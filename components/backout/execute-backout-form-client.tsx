'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { Button } from '@/components/ui/button';
import { FieldError, SelectField, TextAreaField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/**
 * "Execute back-out": choose the environment whose deployment failed, say why,
 * confirm, and Relm records the back-out deployment of the previous builds and
 * moves the release to rolled back.
 */
export function ExecuteBackoutFormClient({
  action,
  releaseKey,
  environments,
  returnTo,
}: {
  action: Action;
  releaseKey: string;
  environments: { name: string; label: string }[];
  returnTo: string;
}) {
  const t = useTranslations('backout.execute');
  const [state, formAction] = useActionState(action, IDLE);
  const [open, setOpen] = useState(false);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const v = (name: string, fallback: string) => (failed ? valueOf(state, name, fallback) : fallback);
  if (!open) {
    return (
      <div className="space-y-2">
        <FormMessages state={state} />
        <Button variant="danger" onClick={() => setOpen(true)}>
          {t('open')}
        </Button>
      </div>
    );
  }
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <SelectField
        id="backout-environment"
        name="environment"
        label={t('environment')}
        options={environments.map((e) => ({ value: e.name, label: e.label }))}
        defaultValue={v('environment', environments[0]?.name ?? '')}
        errors={errorsOf(state, 'environment')}
      />
      <TextAreaField
        id="backout-reason"
        name="reason"
        label={t('reason')}
        rows={2}
        maxLength={2000}
        hint={t('reasonHint')}
        defaultValue={v('reason', '')}
        errors={errorsOf(state, 'reason')}
      />
      <div>
        <div className="flex items-start gap-2">
          <input
            id="backout-confirm"
            type="checkbox"
            name="confirm"
            value="yes"
            aria-invalid={errorsOf(state, 'confirm') ? true : undefined}
            aria-describedby={errorsOf(state, 'confirm') ? 'backout-confirm-error' : undefined}
            className="mt-0.5 size-4 rounded border-gray-400 accent-red-700"
          />
          <label htmlFor="backout-confirm" className="text-sm text-gray-900">
            {t('confirm', { returnTo, releaseKey })}
          </label>
        </div>
        <FieldError id="backout-confirm" errors={errorsOf(state, 'confirm')} />
      </div>
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingText={t('pending')}>
          {t('submit')}
        </SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
