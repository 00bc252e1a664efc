'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { DateField } from '@/components/ui/date-field';
import { SelectField, TextAreaField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Records the last rehearsal of the back-out plan: date, result and notes. */
export function RehearsalFormClient({ action, releaseKey, today }: { action: Action; releaseKey: string; today: string }) {
  const t = useTranslations('backout.rehearsal');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const v = (name: string, fallback: string) => (failed ? valueOf(state, name, fallback) : fallback);
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <DateField id="rehearsal-at" name="at" label={t('at')} required defaultValue={v('at', today)} errors={errorsOf(state, 'at')} />
        <SelectField
          id="rehearsal-result"
          name="result"
          label={t('result')}
          options={[
            { value: 'passed', label: t('results.passed') },
            { value: 'passed_with_notes', label: t('results.passedWithNotes') },
            { value: 'failed', label: t('results.failed') },
          ]}
          defaultValue={v('result', 'passed')}
          errors={errorsOf(state, 'result')}
        />
      </div>
      <TextAreaField
        id="rehearsal-notes"
        name="notes"
        label={t('notes')}
        rows={2}
        maxLength={4000}
        hint={t('notesHint')}
        defaultValue={v('notes', '')}
        errors={errorsOf(state, 'notes')}
      />
      <SubmitButton size="sm" variant="secondary" pendingText={t('pending')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
