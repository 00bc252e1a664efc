'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { SelectField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Adds a release manager as a co-manager of the release; the refusal and the chosen person stay. */
export function CoManagerFormClient({
  action,
  releaseKey,
  version,
  candidates,
}: {
  action: Action;
  releaseKey: string;
  version: number;
  candidates: { id: string; name: string; team: string | null }[];
}) {
  const t = useTranslations('release-forms.coManager');
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="mt-3 space-y-2">
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <SelectField
        id="co-manager-user"
        name="userId"
        label={t('label')}
        hint={t('hint')}
        required
        options={[
          { value: '', label: t('choose') },
          ...candidates.map((c) => ({ value: c.id, label: c.team ? t('candidate', { name: c.name, team: c.team }) : c.name })),
        ]}
        defaultValue={state.status === 'error' ? valueOf(state, 'userId') : ''}
        errors={errorsOf(state, 'userId')}
      />
      <SubmitButton size="sm" pendingText={t('pending')}>
        {t('submit')}
      </SubmitButton>
      <FormMessages state={state} />
    </form>
  );
}
