'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { valueOf, type FormState } from '@/components/forms/form-state';
import { DateField } from '@/components/ui/date-field';
import { FieldError, TextField, labelClasses } from '@/components/ui/field';
import { VERBATIM } from '@/components/ui/form-bind';

// The fields a maintenance window (components/environments/window-form.tsx) and a
// freeze window (components/freezes/freeze-form.tsx) share: kind, time zone,
// duration, and the start and end of a one-off window.

/** A field's name, value and errors, as `fieldBinder` gives them. */
type Bound = { name: string; defaultValue: string; errors?: string[] };

export type WindowKind = 'one_off' | 'recurring';

/** The kinds as radio options, in the person's language. */
export function useKindOptions(): { value: WindowKind; label: string }[] {
  const t = useTranslations('forms.recurrence');
  return [
    { value: 'recurring', label: t('recurring') },
    { value: 'one_off', label: t('oneOff') },
  ];
}

/** @deprecated English only: use useKindOptions() (kept until its callers have moved). */
export const KIND_OPTIONS: { value: WindowKind; label: string }[] = [
  { value: 'recurring', label: 'Recurring' },
  { value: 'one_off', label: 'One-off' },
];

/** The kind the refused save sent, when it is one. */
export function submittedKind(state: FormState): WindowKind | null {
  const k = valueOf(state, 'kind');
  return k === 'one_off' || k === 'recurring' ? k : null;
}

/**
 * The value of radios that show or hide other fields: the user's latest pick; after
 * a refused save, what was submitted (`submitted`), until the user picks again.
 */
export function useRadioChoice<T extends string>(state: FormState, initial: T, submitted: T | null): [T, (v: T) => void] {
  const [choice, setChoice] = useState<{ v: T; at: number }>({ v: initial, at: 0 });
  const value = state.status === 'error' && submitted !== null && (state.at ?? 0) > choice.at ? submitted : choice.v;
  return [value, (v: T) => setChoice({ v, at: Date.now() })];
}

export function Radios<T extends string>({
  id,
  legend,
  name,
  options,
  value,
  onChange,
  errors,
}: {
  id: string;
  legend: string;
  name: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (v: T) => void;
  errors?: string[];
}) {
  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className={labelClasses}>{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-4">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm text-gray-900">
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} className="size-4 accent-blue-700" />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError id={id} errors={errors} />
    </fieldset>
  );
}

/** The IANA time zone, with the known zones as suggestions (`listId` names the datalist). */
export function TimeZoneField({ bound, id, listId, timeZones, hint }: { bound: Bound; id: string; listId: string; timeZones: string[]; hint: string }) {
  const t = useTranslations('forms.recurrence');
  return (
    <div>
      <TextField {...bound} {...VERBATIM} id={id} label={t('timeZone')} required maxLength={64} list={listId} hint={hint} />
      <datalist id={listId}>
        {timeZones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </div>
  );
}

export function DurationField({ bound, id, hint }: { bound: Bound; id: string; hint: string }) {
  const t = useTranslations('forms.recurrence');
  return <TextField {...bound} id={id} label={t('duration')} type="number" inputMode="numeric" required hint={hint} />;
}

/** The start and end of a one-off window, wall-clock times in the chosen time zone. */
export function StartEndFields({ starts, ends, fid }: { starts: Bound; ends: Bound; fid: (name: string) => string }) {
  const t = useTranslations('forms.recurrence');
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <DateField {...starts} withTime id={fid('startsAt')} label={t('starts')} hint={t('startsHint')} />
      <DateField {...ends} withTime id={fid('endsAt')} label={t('ends')} />
    </div>
  );
}
