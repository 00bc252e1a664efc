'use client';

import { useLocale } from 'next-intl';
import { Suspense, lazy, useEffect, useRef, useState, type ReactNode } from 'react';
import { FieldError, FieldHint, labelClasses, type BaseProps } from './field';

// A date, or a date and time (24-hour, to the minute), shown and edited in the reader's language
// (en: en-GB, fr: fr-FR, both day/month/year) with a calendar to pick the day (issue 16 point 3,
// docs/decisions/059). It replaces <input type="date"> and <input type="datetime-local">, which
// Chromium shows as mm/dd/yyyy with AM/PM whatever the language. The form still submits what
// those inputs did, under the same name, from a hidden input: YYYY-MM-DD, or YYYY-MM-DDTHH:mm,
// or '' when empty; so actions and schemas are unchanged.
//
// This part holds the value and the hidden input; the field itself (react-aria's DatePicker,
// components/ui/date-picker-field.tsx) is a chunk of its own, loaded after the page's first
// JavaScript (decision 025). The server renders it, so the first paint shows the value.
const DatePickerField = lazy(() => import('./date-picker-field'));

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A value as the form submits it ('YYYY-MM-DD', or 'YYYY-MM-DDTHH:mm' with a time), or '' when it is none. */
export function normalizeFieldValue(value: string | undefined, withTime: boolean): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?)?$/.exec(value?.trim() ?? '');
  if (!m || (m[4] === undefined) === withTime) return '';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  if (year < 1 || !days || day < 1 || day > days) return '';
  if (!withTime) return `${m[1]}-${m[2]}-${m[3]}`;
  if (Number(m[4]) > 23 || Number(m[5]) > 59) return '';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`;
}

interface Props extends BaseProps {
  /** 'YYYY-MM-DD' ('YYYY-MM-DDTHH:mm' with `withTime`), or '' */
  defaultValue?: string;
  /** a date and a time (24-hour, to the minute) instead of a date */
  withTime?: boolean;
  required?: boolean;
}

/** A date (or date and time) field with its label, hint and error, and a calendar to pick the day. */
export function DateField(props: Props) {
  // a new value to show (after a refused save, a filter applied) starts the field again
  return <DateFieldControl key={props.defaultValue ?? ''} {...props} />;
}

function DateFieldControl({ id, name, label, hint, errors, className, defaultValue, withTime = false, required }: Props) {
  const fid = id ?? name;
  const [value, setValue] = useState(() => normalizeFieldValue(defaultValue, withTime));
  const hidden = useRef<HTMLInputElement>(null);

  // A script may set the hidden value as typing would (the conflict view's "take theirs",
  // components/forms/keep-input.tsx): the field then shows it.
  const shown = useRef(value);
  useEffect(() => {
    const input = hidden.current;
    if (!input) return;
    const take = () => {
      if (input.value === shown.current) return;
      const next = normalizeFieldValue(input.value, withTime);
      // what is not a date is not kept: the field and the form show and send the same
      if (next !== input.value) input.value = next;
      setValue(next);
    };
    input.addEventListener('input', take);
    return () => input.removeEventListener('input', take);
  }, [withTime]);
  // A new value tells the form, as a native input would: live previews (the freeze form's) and
  // kept drafts listen for input and change events.
  useEffect(() => {
    if (value === shown.current) return;
    shown.current = value;
    hidden.current?.dispatchEvent(new Event('input', { bubbles: true }));
    hidden.current?.dispatchEvent(new Event('change', { bubbles: true }));
  }, [value]);

  return (
    <div className={className} data-date-field="">
      <Suspense fallback={<Placeholder fid={fid} label={label} hint={hint} value={value} withTime={withTime} />}>
        <DatePickerField fid={fid} label={label} hint={hint} errors={errors} withTime={withTime} required={required} value={value} onChange={setValue} />
      </Suspense>
      {/* what the form submits, in the format of the inputs this replaces */}
      <input ref={hidden} type="hidden" name={name} value={value} />
      <FieldError id={fid} errors={errors} />
    </div>
  );
}

/**
 * What a field mounted in the browser shows for the moment its chunk is still loading (a page
 * reached by a link, before any date field was loaded): the same label and box, the value as text.
 */
function Placeholder({ fid, label, hint, value, withTime }: { fid: string; label: ReactNode; hint?: ReactNode; value: string; withTime: boolean }) {
  const locale = useLocale() === 'fr' ? 'fr-FR' : 'en-GB';
  const text = value
    ? new Intl.DateTimeFormat(locale, {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
        timeZone: 'UTC',
      })
        .format(new Date(`${value}${withTime ? ':00' : 'T00:00:00'}Z`))
        .replace(', ', ' ')
    : '';
  return (
    <div aria-busy>
      <span className={labelClasses}>{label}</span>
      <FieldHint id={fid}>{hint}</FieldHint>
      <div className="mt-1 flex min-h-8 w-full items-center rounded-md border border-gray-400 bg-white px-2 py-1 text-sm text-gray-900 tabular-nums shadow-sm">
        {text}
      </div>
    </div>
  );
}
