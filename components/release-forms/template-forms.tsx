'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { TextField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export type TemplateAction = (prev: FormState, form: FormData) => Promise<FormState>;

/**
 * "Save as template" and "Copy release" on a release's overview
 * (docs/decisions/044-release-templates-and-copies.md). Saving under an existing
 * template's name adds its next version; a copy opens as a new draft. Rendered through
 * app/(app)/releases/[key]/_sections/template-panel.tsx, which hands it its words.
 */
export function TemplateForms({
  releaseKey,
  title,
  canSave,
  canCopy,
  templateNames,
  saveAction,
  copyAction,
}: {
  releaseKey: string;
  title: string;
  canSave: boolean;
  canCopy: boolean;
  templateNames: string[];
  saveAction: TemplateAction;
  copyAction: TemplateAction;
}) {
  const t = useTranslations('release-forms.template');
  const [saved, save] = useActionState(saveAction, IDLE);
  const [copied, copy] = useActionState(copyAction, IDLE);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {canSave ? (
        <form action={save} className="space-y-2" aria-labelledby="save-template-heading">
          <h3 id="save-template-heading" className="text-sm font-semibold text-gray-900">
            {t('save.heading')}
          </h3>
          <input type="hidden" name="releaseKey" value={releaseKey} />
          <TextField
            id="template-name"
            name="name"
            label={t('save.name')}
            hint={t('save.nameHint')}
            required
            maxLength={120}
            list="template-names"
            defaultValue={saved.status === 'error' ? valueOf(saved, 'name') : ''}
            errors={errorsOf(saved, 'name')}
          />
          <datalist id="template-names">
            {templateNames.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          <TextField
            id="template-description"
            name="description"
            label={t('save.description')}
            maxLength={1000}
            defaultValue={saved.status === 'error' ? valueOf(saved, 'description') : ''}
            errors={errorsOf(saved, 'description')}
          />
          <SubmitButton size="sm" pendingText={t('save.pending')}>
            {t('save.submit')}
          </SubmitButton>
          <FormMessages state={saved} />
        </form>
      ) : null}
      {canCopy ? (
        <form action={copy} className="space-y-2" aria-labelledby="copy-release-heading">
          <h3 id="copy-release-heading" className="text-sm font-semibold text-gray-900">
            {t('copy.heading')}
          </h3>
          <p className="text-xs text-gray-700">{t('copy.what')}</p>
          <input type="hidden" name="releaseKey" value={releaseKey} />
          <TextField
            id="copy-title"
            name="title"
            label={t('copy.title')}
            maxLength={200}
            placeholder={t('copy.titlePlaceholder', { title }).slice(0, 200)}
            defaultValue={copied.status === 'error' ? valueOf(copied, 'title') : ''}
            errors={errorsOf(copied, 'title')}
          />
          <SubmitButton size="sm" variant="secondary" pendingText={t('copy.pending')}>
            {t('copy.submit')}
          </SubmitButton>
          <FormMessages state={copied} />
        </form>
      ) : null}
    </div>
  );
}
