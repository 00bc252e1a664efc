'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { SelectField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState<unknown>>;

/** The zones most organisations work in, offered first. */
const COMMON = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
];

/** The person's time zone: times Relm writes to them about a release's windows are in it. */
export function TimeZoneForm({ action, current, zones }: { action: Action; current: string | null; zones: string[] }) {
  const [state, formAction] = useActionState(action, IDLE as FormState<unknown>);
  const rest = zones.filter((z) => !COMMON.includes(z));
  const options = [
    { value: '', label: 'Each release’s own time zone' },
    ...COMMON.filter((z) => zones.includes(z) || z === 'UTC').map((z) => ({ value: z, label: z.replaceAll('_', ' ') })),
    ...rest.map((z) => ({ value: z, label: z.replaceAll('_', ' ') })),
  ];
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <SelectField
        name="timeZone"
        label="Your time zone"
        hint="E-mails and notifications about a release's windows show them in it, with the release's own zone beside."
        options={options}
        defaultValue={state.status === 'error' ? valueOf(state, 'timeZone') : (current ?? '')}
        errors={errorsOf(state, 'timeZone')}
        className="min-w-0 flex-1 basis-64"
      />
      <SubmitButton variant="secondary" pendingText="Saving…">
        Save time zone
      </SubmitButton>
      <div className="basis-full text-sm">
        <FormMessages state={state} />
      </div>
    </form>
  );
}
