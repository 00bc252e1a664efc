'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Activates or deactivates a freeze window, saying what that changes. */
export function FreezeActiveToggle({ action, id, active, name }: { action: Action; id: string; active: boolean; name: string }) {
  const t = useTranslations('freezes.toggle');
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <FormMessages state={state} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
      <p className="text-sm text-gray-800">{active ? t('active', { name }) : t('inactive', { name })}</p>
      <SubmitButton variant={active ? 'danger' : 'primary'} pendingText={active ? t('deactivating') : t('activating')}>
        {active ? t('deactivate') : t('activate')}
      </SubmitButton>
    </form>
  );
}
