'use client';

import type { FreezeFormValues } from '@/lib/server/freezes';
import { useActionState, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { DurationField, KIND_OPTIONS, Radios, StartEndFields, TimeZoneField, submittedKind, useRadioChoice } from '@/components/forms/recurrence-fields';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { formatDateTime } from '@/components/format';
import { CheckboxGroup, TextAreaField, TextField } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';
import { CRON_EXAMPLE, describeRecurrence, isValidTimeZone, localDateTimeToInstant, nextOccurrences, validateRecurrence } from '@/lib/domain/recurrence';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export const FREEZE_RRULE_EXAMPLE = 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0';

export type EditableFreeze = FreezeFormValues;

const noSubscribe = () => () => {};

type RuleType = 'rrule' | 'cron';

interface Draft {
  kind: string;
  startsAt: string;
  endsAt: string;
  rrule: string;
  cron: string;
  durationMinutes: string;
  timezone: string;
}

function readDraft(form: HTMLFormElement): Draft {
  const data = new FormData(form);
  const s = (n: string) => {
    const v = data.get(n);
    return typeof v === 'string' ? v : '';
  };
  return {
    kind: s('kind'),
    startsAt: s('startsAt'),
    endsAt: s('endsAt'),
    rrule: s('rrule'),
    cron: s('cron'),
    durationMinutes: s('durationMinutes'),
    timezone: s('timezone'),
  };
}

/** What the freeze would be, computed in the browser with the same engine as the server. */
function previewOf(d: Draft, now: Date): { description: string; next: { start: string; end: string }[]; zone: string } | { problem: string } {
  const zone = d.timezone.trim() || 'UTC';
  if (!isValidTimeZone(zone)) return { problem: 'Choose a known time zone to see a preview.' };
  let rec;
  if (d.kind === 'one_off') {
    const startsAt = localDateTimeToInstant(d.startsAt, zone);
    const endsAt = localDateTimeToInstant(d.endsAt, zone);
    if (!startsAt || !endsAt) return { problem: 'Enter the start and the end to see a preview.' };
    rec = validateRecurrence({ kind: 'one_off', startsAt, endsAt, timezone: zone });
  } else {
    if (!d.rrule.trim() && !d.cron.trim()) return { problem: 'Enter a rule to see a preview.' };
    rec = validateRecurrence({ kind: 'recurring', rrule: d.rrule, cron: d.cron, durationMinutes: d.durationMinutes, timezone: zone });
  }
  if (!rec.ok) return { problem: Object.values(rec.errors).flat()[0] ?? 'The rule is not complete yet.' };
  try {
    return {
      description: describeRecurrence(rec.value),
      next: nextOccurrences(rec.value, now, 5).map((o) => ({ start: o.start.toISOString(), end: o.end.toISOString() })),
      zone,
    };
  } catch {
    return { problem: 'This rule cannot be previewed.' };
  }
}

/** Creates a freeze window (no `freeze`) or edits one, with a live preview of the recurrence. */
export function FreezeForm({
  action,
  freeze,
  timeZones,
  environments,
  components,
  submitLabel,
}: {
  action: Action;
  freeze?: EditableFreeze;
  timeZones: string[];
  environments: { name: string; displayName: string }[];
  components: { name: string }[];
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const uid = useId();
  const fid = (n: string) => `${uid}-${n}`;
  const bind = fieldBinder(state);
  const field = (name: keyof EditableFreeze, fallback: string) => bind(name, freeze ? String(freeze[name]) : fallback);

  // the kind and rule type chosen with the radios; after a refused save, what was submitted until the user picks again
  const [kind, setKind] = useRadioChoice(state, freeze?.kind ?? 'recurring', submittedKind(state));
  const submittedRule: RuleType | null = failed ? (valueOf(state, 'cron') ? 'cron' : valueOf(state, 'rrule') ? 'rrule' : null) : null;
  const [ruleType, setRuleType] = useRadioChoice<RuleType>(state, freeze?.cron ? 'cron' : 'rrule', submittedRule);

  const listId = `${uid}-zones`;
  const scopeValues = (name: 'environments' | 'components') => (failed ? valuesOf(state, name) : (freeze?.[name] ?? []));

  // live preview, computed in the browser only (it depends on "now"), refreshed after each edit
  const mounted = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const [draft, setDraft] = useState<{ d: Draft; now: Date }>(() => ({
    d: {
      kind: freeze?.kind ?? 'recurring',
      startsAt: freeze?.startsAt ?? '',
      endsAt: freeze?.endsAt ?? '',
      rrule: freeze?.rrule ?? '',
      cron: freeze?.cron ?? '',
      durationMinutes: freeze?.durationMinutes ?? '',
      timezone: freeze?.timezone ?? 'UTC',
    },
    // The browser's clock is right here: it only picks which upcoming occurrences
    // the live preview lists; the server checks the freeze against its own clock.
    now: new Date(),
  }));
  // read the fields after React has rendered the change (switching kind shows other fields)
  const refresh = () =>
    setTimeout(() => {
      if (formRef.current) setDraft({ d: readDraft(formRef.current), now: new Date() });
    }, 0);
  const preview = useMemo(() => (mounted ? previewOf(draft.d, draft.now) : null), [mounted, draft]);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3" onChange={refresh} onInput={refresh} onReset={refresh}>
      <FormMessages state={state} />
      <HiddenFields values={freeze ? { id: freeze.id, version: freeze.version } : null} />
      <TextField {...field('name', '')} id={fid('name')} label="Name" required maxLength={120} autoComplete="off" placeholder="Year-end change freeze" />
      <TextAreaField
        {...field('reason', '')}
        id={fid('reason')}
        label="Reason"
        rows={2}
        maxLength={1000}
        hint="Shown to everyone whose release this freeze blocks."
      />
      <Radios id={fid('kind')} legend="Kind" name="kind" value={kind} onChange={setKind} errors={errorsOf(state, 'kind')} options={KIND_OPTIONS} />
      <TimeZoneField
        bound={field('timezone', 'UTC')}
        id={fid('timezone')}
        listId={listId}
        timeZones={timeZones}
        hint="IANA name, e.g. Europe/London. Times are wall-clock times in this zone, also across daylight-saving changes."
      />
      {kind === 'recurring' ? (
        <>
          <Radios
            id={fid('ruleType')}
            legend="Rule type"
            name="ruleType"
            value={ruleType}
            onChange={setRuleType}
            options={[
              { value: 'rrule', label: 'RRULE (RFC 5545)' },
              { value: 'cron', label: 'Cron (5 fields)' },
            ]}
          />
          {ruleType === 'rrule' ? (
            <TextField
              {...field('rrule', '')}
              {...VERBATIM}
              id={fid('rrule')}
              label="Recurrence rule (RRULE)"
              required
              maxLength={500}
              hint={`When each occurrence starts, e.g. ${FREEZE_RRULE_EXAMPLE} (Fridays at 18:00). Without BYHOUR it starts at 00:00.`}
              placeholder={FREEZE_RRULE_EXAMPLE}
            />
          ) : (
            <TextField
              {...field('cron', '')}
              {...VERBATIM}
              id={fid('cron')}
              label="Cron expression"
              required
              maxLength={200}
              hint={`minute hour day-of-month month day-of-week, e.g. ${CRON_EXAMPLE} or 0 18 * * 5 (Fridays at 18:00).`}
              placeholder="0 18 * * 5"
            />
          )}
          <DurationField
            bound={field('durationMinutes', '')}
            id={fid('durationMinutes')}
            hint="How long each occurrence lasts, 1 to 20160 (14 days). 3600 = Friday 18:00 to Monday 06:00."
          />
        </>
      ) : (
        <StartEndFields starts={field('startsAt', '')} ends={field('endsAt', '')} fid={fid} />
      )}
      <CheckboxGroup
        id={fid('environments')}
        name="environments"
        label="Environments"
        hint="None ticked: every environment."
        errors={errorsOf(state, 'environments')}
        defaultValues={scopeValues('environments')}
        options={environments.map((e) => ({ value: e.name, label: e.displayName === e.name ? e.name : `${e.displayName} (${e.name})` }))}
        key={`env-${state.at ?? 0}`}
      />
      <div className="max-h-48 overflow-y-auto rounded-md border border-gray-200 p-2">
        <CheckboxGroup
          id={fid('components')}
          name="components"
          label="Components"
          hint="None ticked: every component. Both lists ticked: these components in these environments."
          errors={errorsOf(state, 'components')}
          defaultValues={scopeValues('components')}
          options={components.map((c) => ({ value: c.name, label: c.name }))}
          key={`comp-${state.at ?? 0}`}
        />
      </div>
      <section aria-labelledby={fid('preview')} className="rounded-md border border-gray-200 bg-gray-50 p-2 text-sm">
        <h3 id={fid('preview')} className="font-medium text-gray-900">
          Preview
        </h3>
        <div aria-live="polite" className="mt-1 text-gray-800">
          {!preview ? (
            <p>Fill in the times to see when the freeze applies.</p>
          ) : 'problem' in preview ? (
            <p>{preview.problem}</p>
          ) : (
            <>
              <p>{preview.description}</p>
              {preview.next.length ? (
                <ol className="mt-1 list-decimal space-y-0.5 pl-5 text-xs tabular-nums">
                  {preview.next.map((o) => (
                    <li key={o.start}>
                      {formatDateTime(o.start, preview.zone)} – {formatDateTime(o.end, preview.zone)}
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="text-xs">No upcoming occurrence.</p>
              )}
            </>
          )}
        </div>
      </section>
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
