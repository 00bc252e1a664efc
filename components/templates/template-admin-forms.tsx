'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { TextField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Rename and retire/restore a template (template.write; the server decides again). */
export function TemplateAdminForms({
  templateId,
  name,
  retired,
  renameAction,
  retireAction,
}: {
  templateId: string;
  name: string;
  retired: boolean;
  renameAction: Action;
  retireAction: Action;
}) {
  const t = useTranslations('templates.curate');
  const [renamed, rename] = useActionState(renameAction, IDLE);
  const [retiredState, retire] = useActionState(retireAction, IDLE);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <form action={rename} className="space-y-2">
        <input type="hidden" name="templateId" value={templateId} />
        <TextField
          id="rename-template"
          name="name"
          label={t('renameLabel')}
          required
          maxLength={120}
          defaultValue={renamed.status === 'error' ? valueOf(renamed, 'name') : name}
          errors={errorsOf(renamed, 'name')}
        />
        <SubmitButton size="sm" variant="secondary" pendingText={t('renaming')}>
          {t('rename')}
        </SubmitButton>
        <FormMessages state={renamed} />
      </form>
      <form action={retire} className="space-y-2">
        <input type="hidden" name="templateId" value={templateId} />
        <input type="hidden" name="retired" value={retired ? 'false' : 'true'} />
        <p className="text-sm text-gray-800">{retired ? t('retiredNote') : t('retireNote')}</p>
        <SubmitButton size="sm" variant={retired ? 'secondary' : 'danger'} pendingText={retired ? t('restoring') : t('retiring')}>
          {retired ? t('restore') : t('retire')}
        </SubmitButton>
        <FormMessages state={retiredState} />
      </form>
    </div>
  );
}
