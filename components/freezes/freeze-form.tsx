'use client';

import type { FreezeFormValues } from '@/lib/server/freezes';
import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { DurationField, KIND_OPTIONS, Radios, StartEndFields, TimeZoneField, submittedKind, useRadioChoice } from '@/components/forms/recurrence-fields';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { formatDateTime } from '@/components/format';
import { CheckboxGroup, TextAreaField, TextField } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';
import { KeepInput } from '@/components/forms/keep-input';
import { CRON_EXAMPLE } from '@/lib/domain/recurrence-examples';
import { previewProblemKey, previewWithoutEngine, readDraft, type FreezeDraft, type FreezePreview } from './freeze-draft';
// a type only: the module itself is loaded with import() below
import type * as FreezePreviewEngine from './freeze-preview';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export const FREEZE_RRULE_EXAMPLE = 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0';

export type EditableFreeze = FreezeFormValues;

const noSubscribe = () => () => {};

type RuleType = 'rrule' | 'cron';

type PreviewEngine = typeof FreezePreviewEngine;

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
  const t = useTranslations('freezes.form');
  const locale = useLocale();
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
  const [draft, setDraft] = useState<{ d: FreezeDraft; now: Date }>(() => ({
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
  // The recurrence engine (rrule, cron-parser, cronstrue, luxon) is loaded on demand: when the
  // draft has a rule or times to evaluate, or as soon as the user enters the form, so it is
  // usually there by the first keystroke. Until then the preview says it is being prepared.
  const [engine, setEngine] = useState<PreviewEngine | 'failed' | null>(null);
  const loading = useRef(false);
  const loadEngine = useCallback(() => {
    if (loading.current) return;
    loading.current = true;
    import('./freeze-preview').then(
      (m) => setEngine(m),
      () => {
        // the next focus or edit tries again
        loading.current = false;
        setEngine('failed');
      },
    );
  }, []);
  const early = useMemo(() => (mounted ? previewWithoutEngine(draft.d) : null), [mounted, draft]);
  const needsEngine = mounted && !early;
  useEffect(() => {
    if (needsEngine && engine === null) loadEngine();
  }, [needsEngine, engine, loadEngine]);
  // read the fields after React has rendered the change (switching kind shows other fields)
  const refresh = () => {
    if (engine === 'failed') loadEngine();
    setTimeout(() => {
      if (formRef.current) setDraft({ d: readDraft(formRef.current), now: new Date() });
    }, 0);
  };
  const preview = useMemo((): FreezePreview | { pending: true } | { notLoaded: true } | null => {
    if (!mounted) return null;
    if (early) return early;
    if (engine === 'failed') return { notLoaded: true };
    if (!engine) return { pending: true };
    return engine.previewOf(draft.d, draft.now, locale);
  }, [mounted, early, engine, draft, locale]);

  // the preview's own reasons in the person's language; the engine's explanations as they come
  const problemText = (problem: string) => {
    const key = previewProblemKey(problem);
    return key ? t(`problems.${key}`) : problem;
  };

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3" onChange={refresh} onInput={refresh} onReset={refresh} onFocus={loadEngine}>
      <KeepInput id={`freeze:${freeze?.id ?? 'new'}`} state={state} />
      <FormMessages state={state} />
      <HiddenFields values={freeze ? { id: freeze.id, version: freeze.version } : null} />
      <TextField {...field('name', '')} id={fid('name')} label={t('name')} required maxLength={120} autoComplete="off" placeholder={t('namePlaceholder')} />
      <TextAreaField {...field('reason', '')} id={fid('reason')} label={t('reason')} rows={2} maxLength={1000} hint={t('reasonHint')} />
      <Radios id={fid('kind')} legend={t('kind')} name="kind" value={kind} onChange={setKind} errors={errorsOf(state, 'kind')} options={KIND_OPTIONS} />
      <TimeZoneField bound={field('timezone', 'UTC')} id={fid('timezone')} listId={listId} timeZones={timeZones} hint={t('timezoneHint')} />
      {kind === 'recurring' ? (
        <>
          <Radios
            id={fid('ruleType')}
            legend={t('ruleType')}
            name="ruleType"
            value={ruleType}
            onChange={setRuleType}
            options={[
              { value: 'rrule', label: t('ruleTypes.rrule') },
              { value: 'cron', label: t('ruleTypes.cron') },
            ]}
          />
          {ruleType === 'rrule' ? (
            <TextField
              {...field('rrule', '')}
              {...VERBATIM}
              id={fid('rrule')}
              label={t('rrule')}
              required
              maxLength={500}
              hint={t('rruleHint', { example: FREEZE_RRULE_EXAMPLE })}
              placeholder={FREEZE_RRULE_EXAMPLE}
            />
          ) : (
            <TextField
              {...field('cron', '')}
              {...VERBATIM}
              id={fid('cron')}
              label={t('cron')}
              required
              maxLength={200}
              hint={t('cronHint', { example: CRON_EXAMPLE })}
              placeholder="0 18 * * 5"
            />
          )}
          <DurationField bound={field('durationMinutes', '')} id={fid('durationMinutes')} hint={t('durationHint')} />
        </>
      ) : (
        <StartEndFields starts={field('startsAt', '')} ends={field('endsAt', '')} fid={fid} />
      )}
      <CheckboxGroup
        id={fid('environments')}
        name="environments"
        label={t('environments')}
        hint={t('environmentsHint')}
        errors={errorsOf(state, 'environments')}
        defaultValues={scopeValues('environments')}
        options={environments.map((e) => ({ value: e.name, label: e.displayName === e.name ? e.name : `${e.displayName} (${e.name})` }))}
        key={`env-${state.at ?? 0}`}
      />
      <div className="max-h-48 overflow-y-auto rounded-md border border-gray-200 p-2">
        <CheckboxGroup
          id={fid('components')}
          name="components"
          label={t('components')}
          hint={t('componentsHint')}
          errors={errorsOf(state, 'components')}
          defaultValues={scopeValues('components')}
          options={components.map((c) => ({ value: c.name, label: c.name }))}
          key={`comp-${state.at ?? 0}`}
        />
      </div>
      <section aria-labelledby={fid('preview')} className="rounded-md border border-gray-200 bg-gray-50 p-2 text-sm">
        <h3 id={fid('preview')} className="font-medium text-gray-900">
          {t('preview')}
        </h3>
        <div aria-live="polite" className="mt-1 text-gray-800">
          {!preview ? (
            <p>{t('fillIn')}</p>
          ) : 'pending' in preview ? (
            <p>{t('preparing')}</p>
          ) : 'notLoaded' in preview ? (
            <p>{t('problems.notLoaded')}</p>
          ) : 'problem' in preview ? (
            <p>{problemText(preview.problem)}</p>
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
                <p className="text-xs">{t('noUpcoming')}</p>
              )}
            </>
          )}
        </div>
      </section>
      <SubmitButton pendingText={t('pending')}>{submitLabel}</SubmitButton>
    </form>
  );
}
