'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { TextAreaField } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** The second person's confirmation of an emergency release, with what they checked. */
export function EmergencyConfirmForm({ action, releaseKey, packageDigest }: { action: Action; releaseKey: string; packageDigest: string | null }) {
  const t = useTranslations('approvals.emergencyForm');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state, 'emergency-comment');
  const failed = state.status === 'error';
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-2" aria-label={t('label', { key: releaseKey })}>
      <FormError key={state.at} requestId={state.requestId}>
        {failed ? state.message : null}
      </FormError>
      <FormSuccess>{state.status === 'ok' ? state.message : null}</FormSuccess>
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="packageDigest" value={packageDigest ?? ''} />
      {errorsOf(state, 'packageDigest')?.length ? <p className="text-xs font-medium text-red-700">{errorsOf(state, 'packageDigest')!.join(' ')}</p> : null}
      <TextAreaField
        id="emergency-comment"
        name="comment"
        label={t('comment')}
        hint={t('hint')}
        rows={3}
        maxLength={4000}
        defaultValue={failed ? valueOf(state, 'comment') : ''}
        errors={errorsOf(state, 'comment')}
      />
      <SubmitButton variant="danger" pendingText={t('pending')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
