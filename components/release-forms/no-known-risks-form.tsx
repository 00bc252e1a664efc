'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { TextAreaField } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** States (or withdraws) that the release has no known risks: the alternative to a register for the submit gate. */
export function NoKnownRisksForm({
  action,
  releaseKey,
  version,
  stated,
  openRisks,
}: {
  action: Action;
  releaseKey: string;
  version: number;
  stated: boolean;
  openRisks: number;
}) {
  const t = useTranslations('release-forms.noKnownRisks');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state, 'no-known-risks-statement');
  const failed = state.status === 'error';
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-2">
      <FormError requestId={state.requestId}>{failed ? state.message : null}</FormError>
      <FormSuccess>{state.status === 'ok' ? state.message : null}</FormSuccess>
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="noKnownRisks" value={stated ? 'false' : 'true'} />
      {stated ? (
        <p className="text-sm text-gray-800">{t('stated')}</p>
      ) : openRisks > 0 ? (
        <p className="text-sm text-gray-700">{t('openRisks', { count: openRisks })}</p>
      ) : (
        <TextAreaField
          id="no-known-risks-statement"
          name="statement"
          label={t('statement')}
          rows={2}
          maxLength={2000}
          defaultValue={failed ? valueOf(state, 'statement') : ''}
          errors={errorsOf(state, 'statement')}
        />
      )}
      {stated || openRisks === 0 ? (
        <SubmitButton size="sm" variant="secondary" pendingText={t('pending')}>
          {stated ? t('withdraw') : t('state')}
        </SubmitButton>
      ) : null}
    </form>
  );
}
