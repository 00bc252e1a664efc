'use client';

import { useTranslations } from 'next-intl';
import type { FormState } from '@/components/forms/form-state';
import { ConfirmAction } from '@/components/ui/confirm-action';

/** Removes a maintenance window after a confirmation. */
export function WindowRemove({
  action,
  windowId,
  label,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  windowId: string;
  label: string;
}) {
  const t = useTranslations('environments.windows');
  return (
    <ConfirmAction
      action={action}
      id={windowId}
      size="sm"
      trigger={t('remove')}
      triggerAriaLabel={t('removeLabel', { label })}
      question={t('removeQuestion', { label })}
      confirmLabel={t('removeConfirm')}
      pendingText={t('removing')}
    />
  );
}
