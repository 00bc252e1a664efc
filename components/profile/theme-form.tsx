'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { IDLE, errorsOf, type FormState } from '@/components/forms/form-state';
import { FieldError } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { THEMES, type Theme } from '@/lib/domain/theme';

type Action = (prev: FormState, form: FormData) => Promise<FormState<unknown>>;

/** Light, dark, or the device's choice: saved for the person, so every browser they sign in to follows it. */
export function ThemeForm({ action, current }: { action: Action; current: Theme }) {
  const tr = useTranslations('profile.appearance');
  const [state, formAction] = useActionState(action, IDLE as FormState<unknown>);
  const errors = errorsOf(state, 'theme');
  return (
    <form action={formAction} className="space-y-3">
      <fieldset aria-describedby={errors?.length ? 'theme-error' : undefined}>
        <legend className="text-sm font-medium text-gray-900">{tr('legend')}</legend>
        <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-3">
          {THEMES.map((t) => (
            <label
              key={t}
              className="flex items-start gap-2 rounded-md border border-gray-300 bg-white p-2 text-sm has-checked:border-blue-700 has-checked:bg-blue-50"
            >
              <input type="radio" name="theme" value={t} defaultChecked={t === current} className="mt-0.5 size-4 accent-blue-700" />
              <span>
                <span className="block font-medium text-gray-900">{tr(`themes.${t}`)}</span>
                <span className="block text-xs text-gray-700">{tr(`help.${t}`)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="theme" errors={errors} />
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pendingText={tr('pending')}>
          {tr('save')}
        </SubmitButton>
        <div className="text-sm">
          <FormMessages state={state} />
        </div>
      </div>
    </form>
  );
}
