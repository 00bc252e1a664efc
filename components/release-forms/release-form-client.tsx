'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TimeZonePicker } from '@/components/ui/time-zone-picker';
import { DateField } from '@/components/ui/date-field';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { ButtonLink } from '@/components/ui/button';
import { CheckboxGroup, SelectField, TextAreaField, TextField, labelClasses } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { ConflictChooser } from '@/components/forms/conflict-chooser';
import { KeepInput } from '@/components/forms/keep-input';
import type { FieldConflict } from '@/lib/domain/form-conflict';

// The create and edit form of a release. After a refusal every typed value comes
// back from the server action and is shown again; after a stale refusal each field
// that differs shows the person's value beside the stored one with a choice per field
// (decision 054), and the form carries the current version so that saving again is
// checked against it. KeepInput keeps a draft across Back and asks before leaving unsaved changes;
// a new release's draft is per template, an edit's per release.

export interface ReleaseFormInitial {
  key?: string;
  version?: number;
  title: string;
  type: string;
  ownerId: string;
  environments: string[];
  plannedStart: string;
  plannedEnd: string;
  timezone: string;
  description: string;
  businessJustification: string;
  stakeholderIds: string[];
  /** only on creation: afterwards co-managers are kept on the release's overview */
  coManagerIds?: string[];
}

export interface ReleaseFormChoices {
  environments: { name: string; displayName: string; tier: string; protected: boolean }[];
  releaseManagers: { id: string; name: string }[];
  users: { id: string; name: string; email: string }[];
  timeZones: string[];
  /** the viewer's time zone: a new release's default, and offered first in the picker */
  viewerTimeZone?: string;
}

/** What the edit action returns beside a stale refusal: the values stored now. */
export interface StaleData {
  current?: ReleaseFormInitial & { version: number };
  /** each field where the submitted value and the stored one differ */
  conflicts?: FieldConflict[];
}

type Action = (prev: FormState<StaleData>, form: FormData) => Promise<FormState<StaleData>>;

// the fields a stale save may find changed, each named by its key in release-forms.release.conflicts
const CONFLICT_FIELDS = [
  'title',
  'type',
  'ownerId',
  'environments',
  'plannedStart',
  'plannedEnd',
  'timezone',
  'description',
  'businessJustification',
  'stakeholderIds',
] as const;

const TYPE_VALUES = ['standard', 'normal', 'major', 'emergency'] as const;

export function ReleaseFormClient({
  action,
  initial,
  choices,
  submitLabel,
  cancelHref,
  defaultOwnerId,
  hidden,
}: {
  action: Action;
  initial?: ReleaseFormInitial;
  choices: ReleaseFormChoices;
  submitLabel: string;
  cancelHref: string;
  defaultOwnerId?: string;
  /** extra values the form carries, e.g. the template version a new release starts from */
  hidden?: Record<string, string>;
}) {
  const t = useTranslations('release-forms.release');
  const TYPES = TYPE_VALUES.map((value) => ({ value, label: t(`types.${value}`) }));
  const CONFLICT_LABELS: Record<string, string> = Object.fromEntries(CONFLICT_FIELDS.map((f) => [f, t(`conflicts.${f}`)]));
  const [state, formAction] = useActionState(action, IDLE as FormState<StaleData>);
  const formRef = useFocusOnError(state, 'release-form-error');
  const failed = state.status === 'error';
  const current = failed ? state.data?.current : undefined;
  const text = (name: keyof ReleaseFormInitial, fallback = '') => (failed ? valueOf(state, name, fallback) : fallback);
  const list = (name: 'environments' | 'stakeholderIds' | 'coManagerIds', fallback: string[]) => (failed ? valuesOf(state, name, []) : fallback);
  const version = current?.version ?? initial?.version;

  const envLabel = (n: string) => choices.environments.find((e) => e.name === n)?.displayName ?? n;
  const userLabel = (id: string) => choices.users.find((u) => u.id === id)?.name ?? id;
  const conflicts = failed ? (state.data?.conflicts ?? []) : [];
  const show = (name: string, values: string[]) =>
    name === 'ownerId' || name === 'stakeholderIds'
      ? values.map(userLabel).sort().join(', ')
      : name === 'environments'
        ? values.map(envLabel).sort().join(', ')
        : name === 'type'
          ? values.map((v) => TYPES.find((x) => x.value === v)?.label ?? v).join(', ')
          : values.join(', ').replace(/^(\d{4}-\d\d-\d\d)T/, '$1 ');

  return (
    // a new key after each result remounts the fields with the values to show
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-4">
      <div id="release-form-error" tabIndex={-1} className="outline-none">
        <FormError requestId={state.requestId}>{failed ? <p>{state.message}</p> : null}</FormError>
      </div>
      <KeepInput
        id={initial?.key ? `release:${initial.key}:edit` : `release:new${hidden?.templateVersionId ? `:${hidden.templateVersionId}` : ''}`}
        state={state}
      />
      <ConflictChooser conflicts={conflicts} labels={CONFLICT_LABELS} show={show} />
      {initial?.key ? <input type="hidden" name="key" value={initial.key} /> : null}
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}

      <TextField
        name="title"
        label={t('title')}
        required
        maxLength={200}
        autoComplete="off"
        defaultValue={text('title', initial?.title ?? '')}
        errors={errorsOf(state, 'title')}
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <SelectField
          name="type"
          label={t('type')}
          required
          options={TYPES}
          defaultValue={text('type', initial?.type ?? 'normal')}
          errors={errorsOf(state, 'type')}
        />
        <SelectField
          name="ownerId"
          label={t('owner')}
          hint={t('ownerHint')}
          required
          options={[
            ...(initial?.ownerId && !choices.releaseManagers.some((u) => u.id === initial.ownerId)
              ? [{ value: initial.ownerId, label: t('ownerNoLongerManager', { name: userLabel(initial.ownerId) }) }]
              : []),
            ...choices.releaseManagers.map((u) => ({ value: u.id, label: u.name })),
          ]}
          defaultValue={text('ownerId', initial?.ownerId ?? defaultOwnerId ?? '')}
          errors={errorsOf(state, 'ownerId')}
        />
      </div>
      <CheckboxGroup
        name="environments"
        label={t('environments')}
        hint={t('environmentsHint')}
        options={choices.environments.map((e) => ({ value: e.name, label: e.protected ? t('protectedEnvironment', { name: e.displayName }) : e.displayName }))}
        defaultValues={list('environments', initial?.environments ?? [])}
        errors={errorsOf(state, 'environments')}
      />
      <fieldset>
        <legend className={labelClasses}>{t('window')}</legend>
        <p className="mt-0.5 text-xs text-gray-600">{t('windowHint')}</p>
        <div className="mt-1 grid grid-cols-1 gap-4 sm:grid-cols-3">
          <DateField
            withTime
            name="plannedStart"
            label={t('starts')}
            defaultValue={text('plannedStart', initial?.plannedStart ?? '')}
            errors={errorsOf(state, 'plannedStart')}
          />
          <DateField
            withTime
            name="plannedEnd"
            label={t('ends')}
            defaultValue={text('plannedEnd', initial?.plannedEnd ?? '')}
            errors={errorsOf(state, 'plannedEnd')}
          />
          <TimeZonePicker
            key={text('timezone', initial?.timezone ?? choices.viewerTimeZone ?? 'UTC')}
            name="timezone"
            label={t('timezone')}
            zones={choices.timeZones}
            preferred={[initial?.timezone, choices.viewerTimeZone].filter((z): z is string => !!z)}
            defaultValue={text('timezone', initial?.timezone ?? choices.viewerTimeZone ?? 'UTC')}
            errors={errorsOf(state, 'timezone')}
          />
        </div>
      </fieldset>
      <TextAreaField
        name="description"
        label={t('description')}
        rows={4}
        maxLength={10_000}
        defaultValue={text('description', initial?.description ?? '')}
        errors={errorsOf(state, 'description')}
      />
      <TextAreaField
        name="businessJustification"
        label={t('businessJustification')}
        rows={3}
        maxLength={5_000}
        defaultValue={text('businessJustification', initial?.businessJustification ?? '')}
        errors={errorsOf(state, 'businessJustification')}
      />
      <div className="max-h-56 overflow-y-auto rounded-md border border-gray-200 p-2">
        <CheckboxGroup
          name="stakeholderIds"
          label={t('stakeholders')}
          hint={t('stakeholdersHint')}
          options={choices.users.map((u) => ({ value: u.id, label: u.name }))}
          defaultValues={list('stakeholderIds', initial?.stakeholderIds ?? [])}
          errors={errorsOf(state, 'stakeholderIds')}
        />
      </div>
      {initial?.key ? null : (
        <div className="max-h-56 overflow-y-auto rounded-md border border-gray-200 p-2">
          <CheckboxGroup
            name="coManagerIds"
            label={t('coManagers')}
            hint={t('coManagersHint')}
            options={choices.releaseManagers.map((u) => ({ value: u.id, label: u.name }))}
            defaultValues={list('coManagerIds', initial?.coManagerIds ?? [])}
            errors={errorsOf(state, 'coManagerIds')}
          />
        </div>
      )}
      <div className="flex items-center gap-2">
        <SubmitButton pendingText={t('pending')}>{submitLabel}</SubmitButton>
        <ButtonLink href={cancelHref} variant="ghost">
          {t('cancel')}
        </ButtonLink>
      </div>
    </form>
  );
}
