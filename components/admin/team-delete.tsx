'use client';

import { useTranslations } from 'next-intl';
import type { FormState } from '@/components/forms/form-state';
import { ConfirmAction } from '@/components/ui/confirm-action';

/** Deleting an empty team, after a confirmation. */
export function TeamDelete({
  action,
  teamId,
  teamName,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  teamId: string;
  teamName: string;
}) {
  const t = useTranslations('admin-teams.delete');
  return (
    <ConfirmAction
      action={action}
      id={teamId}
      trigger={t('trigger')}
      question={t('question', { name: teamName })}
      confirmLabel={t('confirm')}
      pendingText={t('pending')}
    />
  );
}
