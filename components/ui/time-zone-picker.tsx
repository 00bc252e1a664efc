'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, ComboBox, Header, Input, Label, ListBox, ListBoxItem, ListBoxSection, Popover } from 'react-aria-components';
import { FieldError, FieldHint, controlState, inputClasses, labelClasses } from './field';
import { cx } from './cx';

// A searchable time-zone picker (issue 16 point 3): type any part of a zone ("paris", "new york")
// and pick it; common zones first (the person's own, the browser's, UTC, then major cities), each
// with its current offset. It submits the zone's IANA name under `name`, like the select it
// replaces, so server actions and zod schemas are unchanged. docs/decisions/050.

/** Major cities people plan releases in, offered after the person's own, the browser's and UTC. */
export const MAJOR_ZONES = [
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

const offsets = new Map<string, Intl.DateTimeFormat>();
function offsetOf(zone: string, at: Date): string {
  try {
    let f = offsets.get(zone);
    if (!f) offsets.set(zone, (f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' })));
    return f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

/** the key of the "none" option (a ListBox key cannot be empty) */
const NONE = '(none)';

interface Option {
  id: string;
  name: string;
  offset: string;
}

export function TimeZonePicker({
  id,
  name,
  label,
  hint,
  errors,
  zones,
  defaultValue,
  preferred = [],
  emptyOption,
  className,
}: {
  id?: string;
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  /** every zone offered (IANA names) */
  zones: string[];
  defaultValue: string;
  /** zones to offer first, before the browser's, UTC and the major cities (e.g. the person's own) */
  preferred?: string[];
  /** an option meaning "none", submitted as the empty string */
  emptyOption?: string;
  className?: string;
}) {
  const t = useTranslations('ui.timeZonePicker');
  const fieldId = id ?? name;
  const [browser, setBrowser] = useState<string | null>(null);
  useEffect(() => {
    try {
      // the browser's zone is known only after hydration
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setBrowser(Intl.DateTimeFormat().resolvedOptions().timeZone ?? null);
    } catch {
      /* no zone: nothing to add */
    }
  }, []);
  const [value, setValue] = useState<string>(defaultValue || (emptyOption !== undefined ? NONE : ''));
  // A form's draft (components/forms/keep-input.tsx) or a conflict's "take theirs" sets the hidden
  // input as typing would and announces it with `change`: the box follows.
  const submitted = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = submitted.current;
    if (!el) return;
    const take = () => setValue(el.value || (emptyOption !== undefined ? NONE : ''));
    el.addEventListener('change', take);
    return () => el.removeEventListener('change', take);
  }, [emptyOption]);
  const sections = useMemo(() => {
    const now = new Date();
    const known = new Set(zones);
    const first = [...new Set([...preferred, ...(browser ? [browser] : []), 'UTC', ...MAJOR_ZONES])].filter((z) => z === 'UTC' || known.has(z));
    const option = (z: string): Option => ({ id: z, name: z.replaceAll('_', ' '), offset: offsetOf(z, now) });
    const common: Option[] = [...(emptyOption !== undefined ? [{ id: NONE, name: emptyOption, offset: '' }] : []), ...first.map(option)];
    const firstSet = new Set(first);
    return [
      { id: 'common', title: t('common'), items: common },
      { id: 'all', title: t('all'), items: zones.filter((z) => !firstSet.has(z)).map(option) },
    ];
  }, [zones, preferred, browser, emptyOption, t]);
  const state = controlState(fieldId, hint, errors);
  return (
    <div className={className}>
      <ComboBox
        defaultItems={sections}
        value={value}
        onChange={(key) => setValue(key === null ? value : String(key))}
        menuTrigger="focus"
        isInvalid={!!errors?.length}
        defaultFilter={(text, input) => text.toLowerCase().replaceAll('_', ' ').includes(input.toLowerCase().replaceAll('_', ' ').trim())}
      >
        <Label className={labelClasses}>{label}</Label>
        <FieldHint id={fieldId}>{hint}</FieldHint>
        <div className="relative mt-1">
          <Input className={cx(inputClasses, 'pr-9')} {...state} />
          <Button
            aria-label={t('showList', { label: label.toLowerCase() })}
            className="absolute inset-y-0 right-0 flex items-center rounded-r-md px-2 text-gray-700 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-blue-700"
          >
            <span aria-hidden>▾</span>
          </Button>
        </div>
        <Popover className="max-h-80 w-(--trigger-width) overflow-auto rounded-md border border-gray-300 bg-white shadow-lg">
          <ListBox<(typeof sections)[number]> className="py-1 text-sm outline-none">
            {(section) => (
              <ListBoxSection id={section.id}>
                <Header className="px-3 pt-2 pb-1 text-xs font-semibold text-gray-700">{section.title}</Header>
                {section.items.map((o) => (
                  <ListBoxItem
                    key={o.id}
                    id={o.id}
                    textValue={o.name}
                    className="flex cursor-default justify-between gap-3 px-3 py-1.5 text-gray-900 outline-none data-focused:bg-blue-50 data-selected:font-semibold"
                  >
                    <span>{o.name}</span>
                    <span className="text-xs text-gray-700 tabular-nums">{o.offset}</span>
                  </ListBoxItem>
                ))}
              </ListBoxSection>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      {/* the value the form submits, whatever is typed in the box meanwhile; a person's choice, so
          drafts keep it and a change from the rendered value counts as unsaved (keep-input.tsx) */}
      <input ref={submitted} type="hidden" name={name} value={value === NONE ? '' : value} data-keep-rendered={defaultValue || ''} />
      <FieldError id={fieldId} errors={errors} />
    </div>
  );
}
