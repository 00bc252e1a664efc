'use client';

import { parseDate, parseDateTime, type CalendarDate, type CalendarDateTime, type DateValue } from '@internationalized/date';
import { useLocale, useTranslations } from 'next-intl';
import { useContext, useEffect, useId, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
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
import { DateCalendar } from './date-calendar';
import { FieldHint, controlState, labelClasses } from './field';
import { cx } from './cx';

// The interactive part of the date field (components/ui/date-field.tsx, decision 059): react-aria's
// DatePicker in the reader's language, with a calendar to pick the day. A chunk of its own, loaded
// after the page's first JavaScript (decision 025); the server renders it, so the first paint
// shows the value.
//
// Labelling: the field (role group) is named by the label, and only it, so that the label finds
// one element per field (getByLabel in the end-to-end tests). The segments are named by their
// part ("day, date") and described by the label, hint and error; the calendar button is "Choose
// a date". react-aria's own default also names every segment and the button by the label.

/** react-aria's locale for the app's language: day/month/year and 24 hours in both. */
export const LOCALES: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' };

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

export interface DatePickerFieldProps {
  fid: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  withTime: boolean;
  required?: boolean;
  /** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm', or '' */
  value: string;
  onChange: (value: string) => void;
}

export default function DatePickerField({ fid, label, hint, errors, withTime, required, value, onChange }: DatePickerFieldProps) {
  const t = useTranslations('ui.dateField');
  const locale = LOCALES[useLocale()] ?? 'en-GB';
  const chooseId = `${useId()}-choose`;
  const group = useRef<HTMLDivElement>(null);
  const date = useMemo(() => parseFieldValue(value, withTime), [value, withTime]);

  // typing is read from now on (after hydration): end-to-end tests wait for this mark
  useEffect(() => group.current?.closest('[data-date-field]')?.setAttribute('data-ready', ''), []);

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
    onChange('');
    group.current?.querySelector<HTMLElement>('[contenteditable="true"]')?.focus();
  };

  return (
    <div onKeyDownCapture={onKeyDownCapture}>
      <I18nProvider locale={locale}>
        <DatePicker
          id={fid}
          value={date}
          onChange={(v) => onChange(fieldValueOf(v, withTime))}
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
              <DateInput className="flex min-w-0 flex-1 flex-wrap items-center px-1.5 py-0.5 tabular-nums">
                {(segment) => (
                  <DateSegment
                    segment={segment}
                    // each part at least 24 px square: a target a finger can hit (WCAG 2.5.8)
                    className={cx(
                      'inline-flex h-6 min-w-6 items-center justify-center rounded-sm px-0.5 outline-none data-placeholder:text-gray-600',
                      'focus:bg-blue-700 focus:text-white data-[type=literal]:min-w-0 data-[type=literal]:px-0 data-[type=literal]:whitespace-pre',
                    )}
                  >
                    {/* "24/12/2040 10:00": no comma, which a narrow field would put at the start of the time's line */}
                    {segment.type === 'literal' ? segment.text.replace(', ', ' ') : segment.text}
                  </DateSegment>
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
