'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { TextAreaField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { KeepInput } from '@/components/forms/keep-input';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface HandoverNotes {
  whatChanged: string;
  runbook: string;
  monitoring: string;
  knownErrors: string;
  supportContacts: string;
}

const MAX = 20_000;

/** The release manager's form: save as a draft, or mark ready for operations. */
export function HandoverForm({
  action,
  releaseKey,
  notes,
  draftWhatChanged,
  version,
}: {
  action: Action;
  releaseKey: string;
  notes: HandoverNotes;
  draftWhatChanged: string;
  version: number;
}) {
  const t = useTranslations('handover.form');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const v = (name: keyof HandoverNotes, fallback: string) => (failed ? valueOf(state, name, fallback) : fallback);
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-3">
      <KeepInput id={`handover:${releaseKey}`} state={state} />
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <TextAreaField
        id="handover-what-changed"
        name="whatChanged"
        label={t('whatChanged')}
        hint={notes.whatChanged ? undefined : t('whatChangedHint')}
        rows={8}
        maxLength={MAX}
        defaultValue={v('whatChanged', notes.whatChanged || draftWhatChanged)}
        errors={errorsOf(state, 'whatChanged')}
      />
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <TextAreaField
          id="handover-runbook"
          name="runbook"
          label={t('runbook')}
          hint={t('runbookHint')}
          rows={5}
          maxLength={MAX}
          defaultValue={v('runbook', notes.runbook)}
          errors={errorsOf(state, 'runbook')}
        />
        <TextAreaField
          id="handover-monitoring"
          name="monitoring"
          label={t('monitoring')}
          hint={t('monitoringHint')}
          rows={5}
          maxLength={MAX}
          defaultValue={v('monitoring', notes.monitoring)}
          errors={errorsOf(state, 'monitoring')}
        />
        <TextAreaField
          id="handover-known-errors"
          name="knownErrors"
          label={t('knownErrors')}
          rows={4}
          maxLength={MAX}
          defaultValue={v('knownErrors', notes.knownErrors)}
          errors={errorsOf(state, 'knownErrors')}
        />
        <TextAreaField
          id="handover-support"
          name="supportContacts"
          label={t('supportContacts')}
          hint={t('supportContactsHint')}
          rows={4}
          maxLength={MAX}
          defaultValue={v('supportContacts', notes.supportContacts)}
          errors={errorsOf(state, 'supportContacts')}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="intent" value="ready" size="sm" pendingText={t('saving')}>
          {t('markReady')}
        </SubmitButton>
        <SubmitButton name="intent" value="draft" variant="secondary" size="sm" pendingText={t('saving')}>
          {t('saveDraft')}
        </SubmitButton>
      </div>
    </form>
  );
}

/** Operations: acknowledge the notes. */
export function AcknowledgeHandoverForm({ action, releaseKey }: { action: Action; releaseKey: string }) {
  const t = useTranslations('handover.acknowledge');
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <SubmitButton size="sm" pendingText={t('pending')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}

/** Operations: send the notes back with questions. */
export function SendBackHandoverForm({ action, releaseKey }: { action: Action; releaseKey: string }) {
  const t = useTranslations('handover.sendBack');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state, 'handover-questions');
  const failed = state.status === 'error';
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-2">
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <TextAreaField
        id="handover-questions"
        name="questions"
        label={t('questions')}
        hint={t('questionsHint')}
        rows={3}
        maxLength={5_000}
        defaultValue={failed ? valueOf(state, 'questions') : ''}
        errors={errorsOf(state, 'questions')}
      />
      <SubmitButton variant="secondary" size="sm" pendingText={t('pending')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
