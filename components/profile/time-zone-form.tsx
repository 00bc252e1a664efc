'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TimeZonePicker } from '@/components/ui/time-zone-picker';

type Action = (prev: FormState, form: FormData) => Promise<FormState<unknown>>;

/** The person's time zone: every time Relm shows or writes to them is in it (docs/decisions/050). */
export function TimeZoneForm({ action, current, zones }: { action: Action; current: string | null; zones: string[] }) {
  const t = useTranslations('profile.timeZone');
  const [state, formAction] = useActionState(action, IDLE as FormState<unknown>);
  const shown = state.status === 'error' ? valueOf(state, 'timeZone') : (current ?? '');
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <TimeZonePicker
        // a saved value (or a refused one) starts the picker afresh
        key={shown}
        name="timeZone"
        label={t('label')}
        hint={t('hint')}
        zones={zones}
        preferred={current ? [current] : []}
        defaultValue={shown}
        errors={errorsOf(state, 'timeZone')}
        className="min-w-0 flex-1 basis-64"
      />
      <SubmitButton variant="secondary" pendingText={t('pending')}>
        {t('save')}
      </SubmitButton>
      <div className="basis-full text-sm">
        <FormMessages state={state} />
      </div>
    </form>
  );
}
