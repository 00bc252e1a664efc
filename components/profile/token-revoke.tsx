'use client';

import { useTranslations } from 'next-intl';
import type { FormState } from '@/components/forms/form-state';
import { ConfirmAction } from '@/components/ui/confirm-action';

/** Revokes one token after a confirmation. */
export function TokenRevoke({
  action,
  tokenId,
  tokenName,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  tokenId: string;
  tokenName: string;
}) {
  const t = useTranslations('profile.tokens.revoke');
  return (
    <ConfirmAction
      action={action}
      id={tokenId}
      size="sm"
      dense
      trigger={t('trigger')}
      triggerAriaLabel={t('triggerLabel', { name: tokenName })}
      question={t('question', { name: tokenName })}
      confirmLabel={t('confirm')}
      pendingText={t('pending')}
    />
  );
}
