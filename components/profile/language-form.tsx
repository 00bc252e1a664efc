'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { SelectField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { LOCALES, type Locale } from '@/lib/domain/locale';

type Action = (prev: FormState, form: FormData) => Promise<FormState<unknown>>;

/** The language Relm speaks to the person; none chosen: their browser's. */
export function LanguageForm({ action, current }: { action: Action; current: Locale | null }) {
  const t = useTranslations('language');
  const [state, formAction] = useActionState(action, IDLE as FormState<unknown>);
  const options = [{ value: '', label: t('profile.browser') }, ...LOCALES.map((l) => ({ value: l, label: t(`names.${l}`) }))];
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <SelectField
        name="locale"
        label={t('profile.field')}
        hint={t('profile.hint')}
        options={options}
        defaultValue={state.status === 'error' ? valueOf(state, 'locale') : (current ?? '')}
        errors={errorsOf(state, 'locale')}
        className="min-w-0 flex-1 basis-64"
      />
      <SubmitButton variant="secondary" pendingText={t('profile.pending')}>
        {t('profile.save')}
      </SubmitButton>
      <div className="basis-full text-sm">
        <FormMessages state={state} />
      </div>
    </form>
  );
}
