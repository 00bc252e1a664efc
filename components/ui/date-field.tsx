'use client';

import { parseDate, parseDateTime, type CalendarDate, type CalendarDateTime, type DateValue } from '@internationalized/date';
import { useLocale, useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useContext, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  Button,
  DateFieldContext,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  Group,
  I18nProvider,
  Label,
  Popover,
  type DateFieldProps,
} from 'react-aria-components';
import { FieldError, FieldHint, controlState, labelClasses } from './field';
import { cx } from './cx';

// A date, or a date and time (24-hour, to the minute), shown and edited in the reader's language
// (en: en-GB, fr: fr-FR, both day/month/year) with a calendar to pick the day: react-aria's
// DatePicker (issue 16 point 3, docs/decisions/059). It replaces <input type="date"> and
// <input type="datetime-local">, which Chromium shows as mm/dd/yyyy with AM/PM whatever the
// language. The form still submits what those inputs did, under the same name, from a hidden
// input: YYYY-MM-DD, or YYYY-MM-DDTHH:mm, or '' when empty; so actions and schemas are unchanged.
//
// Labelling: the field (role group) is named by the label, and only it, so that the label finds
// one element per field (getByLabel in the end-to-end tests). The segments are named by their
// part ("day, date") and described by the label, hint and error; the calendar button is "Choose
// a date". react-aria's own default also names every segment and the button by the label.

/** react-aria's locale for the app's language: day/month/year and 24 hours in both. */
const LOCALES: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' };

// the calendar is loaded when it is first opened (decision 025: the first load stays small)
const DateCalendar = dynamic(() => import('./date-calendar').then((m) => m.DateCalendar), { ssr: false });

const pad = (n: number) => String(n).padStart(2, '0');

/** The value a form field holds ('YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm'), as react-aria's value; null when empty or not a date. */
export function parseFieldValue(value: string | undefined, withTime: boolean): CalendarDate | CalendarDateTime | null {
  const v = value?.trim() ?? '';
  try {
    if (withTime && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(v)) return parseDateTime(v).set({ second: 0, millisecond: 0 });
    if (!withTime && /^\d{4}-\d\d-\d\d$/.test(v)) return parseDate(v);
  } catch {
    // a day that does not exist (2026-02-30): shown empty
  }
  return null;
}

/** What the form submits for a value: 'YYYY-MM-DD', 'YYYY-MM-DDTHH:mm', or '' when empty. */
export function fieldValueOf(value: DateValue | null, withTime: boolean): string {
  if (!value) return '';
  const day = `${String(value.year).padStart(4, '0')}-${pad(value.month)}-${pad(value.day)}`;
  if (!withTime) return day;
  const time = 'hour' in value ? value : { hour: 0, minute: 0 };
  return `${day}T${pad(time.hour)}:${pad(time.minute)}`;
}

interface Props {
  /** the field's id; defaults to its name */
  id?: string;
  /** the name the value is submitted under */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
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
  const t = useTranslations('ui.dateField');
  const locale = LOCALES[useLocale()] ?? 'en-GB';
  const fid = id ?? name;
  const chooseId = `${useId()}-choose`;
  const [value, setValue] = useState<DateValue | null>(() => parseFieldValue(defaultValue, withTime));
  const submitted = fieldValueOf(value, withTime);
  const hidden = useRef<HTMLInputElement>(null);
  const group = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  // typing is read once the script runs (after hydration): end-to-end tests wait for this mark
  useEffect(() => wrapper.current?.setAttribute('data-ready', ''), []);

  // A script may set the hidden value as typing would (the conflict view's "take theirs",
  // components/forms/keep-input.tsx): the field then shows it.
  const shown = useRef(submitted);
  useEffect(() => {
    const input = hidden.current;
    if (!input) return;
    const take = () => {
      if (input.value === shown.current) return;
      const next = parseFieldValue(input.value, withTime);
      // what is not a date is not kept: the field and the form show and send the same
      if (fieldValueOf(next, withTime) !== input.value) input.value = fieldValueOf(next, withTime);
      setValue(next);
    };
    input.addEventListener('input', take);
    return () => input.removeEventListener('input', take);
  }, [withTime]);
  // A new value tells the form, as a native input would: live previews (the freeze form's) and
  // kept drafts listen for input and change events.
  useEffect(() => {
    if (submitted === shown.current) return;
    shown.current = submitted;
    hidden.current?.dispatchEvent(new Event('input', { bubbles: true }));
    hidden.current?.dispatchEvent(new Event('change', { bubbles: true }));
  }, [submitted]);

  // Enter in the field submits the form, as in a text box (seen before react-aria's segments,
  // which keep their keys to themselves; not the calendar's Enter, nor a button's)
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as Element;
    if (e.key !== 'Enter' || !group.current?.contains(target) || target.closest('button')) return;
    const form = group.current.closest('form');
    if (!form) return;
    e.preventDefault();
    form.requestSubmit();
  };

  const clear = () => {
    setValue(null);
    group.current?.querySelector<HTMLElement>('[contenteditable="true"]')?.focus();
  };

  return (
    <div ref={wrapper} className={className} data-date-field="" onKeyDownCapture={onKeyDownCapture}>
      <I18nProvider locale={locale}>
        <DatePicker
          id={fid}
          value={value}
          onChange={setValue}
          granularity={withTime ? 'minute' : 'day'}
          hourCycle={24}
          shouldForceLeadingZeros
          isRequired={required}
          isInvalid={!!errors?.length}
          // the server checks the value; the field only shows its errors
          validationBehavior="aria"
          aria-describedby={controlState(fid, hint, errors)['aria-describedby']}
        >
          <Label className={labelClasses}>{label}</Label>
          <FieldHint id={fid}>{hint}</FieldHint>
          <Group
            ref={group}
            className={cx(
              'mt-1 flex min-h-8 w-full min-w-0 items-stretch rounded-md border border-gray-400 bg-white text-sm text-gray-900 shadow-sm',
              'data-focus-visible:outline-2 data-focus-visible:outline-offset-2 data-focus-visible:outline-blue-700 data-invalid:border-red-700 data-invalid:bg-red-50',
            )}
          >
            <SegmentsDescribedByLabel words={withTime ? t('dateTime') : t('date')}>
              <DateInput className="flex min-w-0 flex-1 flex-wrap items-center px-2 py-1 tabular-nums">
                {(segment) => (
                  <DateSegment
                    segment={segment}
                    className={cx(
                      'rounded-sm px-px outline-none data-placeholder:text-gray-600',
                      'focus:bg-blue-700 focus:text-white data-[type=literal]:px-0',
                    )}
                  />
                )}
              </DateInput>
            </SegmentsDescribedByLabel>
            {value && !required ? (
              <button
                type="button"
                aria-label={t('clear')}
                onClick={clear}
                className="flex min-w-6 items-center justify-center px-2 text-gray-700 outline-none hover:text-gray-900 focus-visible:bg-gray-200"
              >
                <span aria-hidden>✕</span>
              </button>
            ) : null}
            <Button
              aria-labelledby={chooseId}
              className="flex items-center rounded-r-md border-l border-gray-300 px-2 text-gray-700 outline-none hover:text-gray-900 data-focus-visible:bg-gray-200 data-pressed:bg-gray-200"
            >
              <span id={chooseId} className="sr-only">
                {t('choose')}
              </span>
              <CalendarIcon />
            </Button>
          </Group>
          <Popover className="max-w-[calc(100vw-1rem)] overflow-auto rounded-md border border-gray-300 bg-white text-gray-900 shadow-lg">
            <Dialog className="p-2 outline-none">
              <DateCalendar />
            </Dialog>
          </Popover>
        </DatePicker>
      </I18nProvider>
      {/* what the form submits, in the format of the inputs this replaces */}
      <input ref={hidden} type="hidden" name={name} value={submitted} />
      <FieldError id={fid} errors={errors} />
    </div>
  );
}

/**
 * The segments take their name from their part ("day, date") and their description from the
 * label, instead of react-aria's "day, <label>": so the label names the field alone.
 */
function SegmentsDescribedByLabel({ words, children }: { words: string; children: ReactNode }) {
  const field = useContext(DateFieldContext) as DateFieldProps<DateValue> | null;
  const labelledBy = field?.['aria-labelledby'];
  const describedBy = [labelledBy, field?.['aria-describedby']].filter(Boolean).join(' ') || undefined;
  return (
    <DateFieldContext.Provider value={{ ...field, 'aria-labelledby': undefined, 'aria-label': words, 'aria-describedby': describedBy }}>
      {children}
    </DateFieldContext.Provider>
  );
}

function CalendarIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="2" y="3" width="12" height="11" rx="1.5" />
      <path d="M2 6.5h12M5.5 1.5v3M10.5 1.5v3" strokeLinecap="round" />
    </svg>
  );
}
