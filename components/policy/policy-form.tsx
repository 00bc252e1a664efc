'use client';

import { useActionState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, type FormState, type FormValues } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { FieldError, FieldHint, labelClasses, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { cx } from '@/components/ui/cx';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { ROLES } from '@/lib/domain/permissions';
import { RELEASE_TYPES, REVIEW_TRIGGERS, RISK_LEVELS } from '@/lib/domain/policy-names';
import { BANDS, MANDATORY_REVIEW_TRIGGERS, rowIndices, STANDARD_CHANGES } from '@/lib/domain/policy-form';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

// the form's field paths of the rule lists (constants: the text lint reads a camel-cased path in a JSX attribute as words)
const BY_RISK_LEVEL = 'approvals.byRiskLevel';
const BY_RELEASE_TYPE = 'approvals.byReleaseType';
const FOR_PROTECTED = 'approvals.forProtectedEnvironments';

const fid = (name: string) => `pf-${name.replace(/\./g, '-')}`;

interface Ctx {
  values: FormValues;
  errors: Record<string, string[]>;
}

const text = (c: Ctx, name: string) => {
  const v = c.values[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
};
const list = (c: Ctx, name: string) => {
  const v = c.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
};

function Num({ c, name, label, hint, className }: { c: Ctx; name: string; label: string; hint?: ReactNode; min?: number; max?: number; className?: string }) {
  return (
    <TextField
      id={fid(name)}
      name={name}
      label={label}
      hint={hint}
      type="number"
      inputMode="numeric"
      defaultValue={text(c, name)}
      errors={c.errors[name]}
      className={className ?? 'w-44'}
    />
  );
}

function Check({ c, name, label, hint, className }: { c: Ctx; name: string; label: ReactNode; hint?: ReactNode; className?: string }) {
  const id = fid(name);
  const errors = c.errors[name];
  const on = text(c, name) === 'on';
  return (
    <div className={cx('flex items-start gap-1.5', className)}>
      <input
        // remount when the value to show changes (React keeps a checkbox's first defaultChecked)
        key={String(on)}
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={on}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        className="mt-0.5 size-4 rounded border-gray-400 accent-blue-700"
      />
      <div>
        <label htmlFor={id} className="text-sm text-gray-900">
          {label}
        </label>
        <FieldHint id={id}>{hint}</FieldHint>
        <FieldError id={id} errors={errors} />
      </div>
    </div>
  );
}

function Checks({
  c,
  name,
  label,
  hint,
  options,
  locked = {},
}: {
  c: Ctx;
  name: string;
  label: string;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  locked?: Record<string, string>;
}) {
  const id = fid(name);
  const errors = c.errors[name];
  const chosen = list(c, name);
  return (
    <fieldset aria-describedby={[hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend className={labelClasses}>{label}</legend>
      <FieldHint id={id}>{hint}</FieldHint>
      <div className="mt-1 flex flex-col gap-1">
        {options.map((o) => {
          const cid = `${id}-${o.value}`;
          const why = locked[o.value];
          const on = !!why || chosen.includes(o.value);
          return (
            <div key={o.value} className="flex items-start gap-1.5">
              {why ? <input type="hidden" name={name} value={o.value} /> : null}
              <input
                key={String(on)}
                id={cid}
                type="checkbox"
                name={why ? undefined : name}
                value={o.value}
                defaultChecked={on}
                disabled={!!why}
                aria-describedby={why ? `${cid}-why` : undefined}
                aria-invalid={errors?.length ? true : undefined}
                className="mt-0.5 size-4 rounded border-gray-400 accent-blue-700"
              />
              <label htmlFor={cid} className="text-sm text-gray-900">
                {o.label}
                {why ? (
                  <span id={`${cid}-why`} className="block text-xs text-gray-700">
                    {why}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
      <FieldError id={id} errors={errors} />
    </fieldset>
  );
}

function Group({ title, children, hint }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="rounded-md border border-gray-200 bg-white p-3">
      <legend className="px-1 text-sm font-semibold text-gray-900">{title}</legend>
      {hint ? <p className="mb-2 text-xs text-gray-700">{hint}</p> : null}
      {children}
    </fieldset>
  );
}

/** Errors of a list as a whole ("Each rule in a list needs its own key."). */
function ListError({ c, name }: { c: Ctx; name: string }) {
  const errors = c.errors[name];
  if (!errors?.length) return null;
  return (
    <p id={fid(name)} tabIndex={-1} className="text-xs font-medium text-red-700">
      {errors.join(' ')}
    </p>
  );
}

function RuleRows({
  c,
  path,
  title,
  teams,
  collapsible,
}: {
  c: Ctx;
  path: string;
  title: string;
  teams: { slug: string; name: string }[];
  collapsible?: boolean;
}) {
  const t = useTranslations('policy.form.rules');
  const ts = useTranslations('statuses');
  const rows = rowIndices(c.values, path);
  const blank = (rows.length ? Math.max(...rows) : -1) + 1;
  const all = [...rows, blank];
  const roleOptions = ROLES.map((r) => ({ value: r, label: ts(`role.${r}`) }));
  const teamOptions = [{ value: '', label: t('anyTeam') }, ...teams.map((team) => ({ value: team.slug, label: team.name }))];
  const hasErrors = Object.keys(c.errors).some((k) => k === path || k.startsWith(`${path}.`));
  if (collapsible && !rows.length && !hasErrors) {
    // nothing extra for this type: keep the (empty) add row out of the way until asked for
    return (
      <details>
        <summary className="cursor-pointer text-sm text-blue-800">
          {t.rich('noExtra', { title, add: (chunks) => <span className="font-medium">{chunks}</span> })}
        </summary>
        <div className="mt-2">
          <RuleRows c={c} path={path} title={title} teams={teams} />
        </div>
      </details>
    );
  }
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-gray-900">{title}</h3>
      <ListError c={c} name={path} />
      {all.map((i) => {
        const at = `${path}.${i}`;
        const isNew = i === blank;
        return (
          <fieldset key={at} className={cx('rounded border p-2', isNew ? 'border-dashed border-gray-300' : 'border-gray-200')}>
            <legend className="px-1 text-xs font-medium text-gray-800">
              {isNew ? t('addRule', { title: title.toLowerCase() }) : t('rule', { n: rows.indexOf(i) + 1 })}
            </legend>
            <div className="flex flex-wrap items-start gap-2">
              <TextField
                id={fid(`${at}.key`)}
                name={`${at}.key`}
                label={t('key')}
                defaultValue={text(c, `${at}.key`)}
                errors={c.errors[`${at}.key`]}
                className="w-32"
                maxLength={40}
                spellCheck={false}
              />
              <TextField
                id={fid(`${at}.description`)}
                name={`${at}.description`}
                label={t('description')}
                defaultValue={text(c, `${at}.description`)}
                errors={c.errors[`${at}.description`]}
                className="min-w-56 flex-1"
                maxLength={200}
              />
              <SelectField
                id={fid(`${at}.role`)}
                name={`${at}.role`}
                label={t('role')}
                options={roleOptions}
                defaultValue={text(c, `${at}.role`) || 'approver'}
                errors={c.errors[`${at}.role`]}
                className="w-40"
              />
              <TextField
                id={fid(`${at}.count`)}
                name={`${at}.count`}
                label={t('approvals')}
                type="number"
                inputMode="numeric"
                defaultValue={text(c, `${at}.count`) || (isNew ? '1' : '')}
                errors={c.errors[`${at}.count`]}
                className="w-24"
              />
              <SelectField
                id={fid(`${at}.teamSlug`)}
                name={`${at}.teamSlug`}
                label={t('fromTeam')}
                options={teamOptions}
                defaultValue={text(c, `${at}.teamSlug`)}
                errors={c.errors[`${at}.teamSlug`]}
                className="w-44"
              />
              <div className="flex flex-col gap-1 pt-5">
                <Check c={c} name={`${at}.distinctTeams`} label={t('distinctTeams')} />
                <Check c={c} name={`${at}.cabOnly`} label={t('cabOnly')} />
                {isNew ? null : <Check c={c} name={`${at}.remove`} label={t('remove')} />}
              </div>
            </div>
            <FieldError id={fid(at)} errors={c.errors[at]} />
          </fieldset>
        );
      })}
    </div>
  );
}

function BandRows({ c }: { c: Ctx }) {
  const t = useTranslations('policy.form.bands');
  const rows = rowIndices(c.values, BANDS);
  const blank = (rows.length ? Math.max(...rows) : -1) + 1;
  return (
    <div className="space-y-1.5">
      <h3 className="text-sm font-semibold text-gray-900">{t('title')}</h3>
      <p className="text-xs text-gray-700">{t('hint')}</p>
      <ListError c={c} name={BANDS} />
      {[...rows, blank].map((i) => {
        const at = `${BANDS}.${i}`;
        const isNew = i === blank;
        return (
          <fieldset key={at} className="flex flex-wrap items-start gap-2">
            <legend className="sr-only">{isNew ? t('add') : t('band', { n: rows.indexOf(i) + 1 })}</legend>
            <TextField
              id={fid(`${at}.atLeast`)}
              name={`${at}.atLeast`}
              label={isNew ? t('newAtLeast') : t('atLeast')}
              type="number"
              inputMode="numeric"
              defaultValue={text(c, `${at}.atLeast`)}
              errors={c.errors[`${at}.atLeast`]}
              className="w-44"
            />
            <TextField
              id={fid(`${at}.contribution`)}
              name={`${at}.contribution`}
              label={t('adds')}
              type="number"
              inputMode="numeric"
              defaultValue={text(c, `${at}.contribution`)}
              errors={c.errors[`${at}.contribution`]}
              className="w-28"
            />
            {isNew ? null : <Check c={c} name={`${at}.remove`} label={t('remove')} className="pt-6" />}
          </fieldset>
        );
      })}
    </div>
  );
}

/** Templates pre-approved as standard changes, with their limits (docs/decisions/045-standard-changes.md). */
function StandardChangeRows({ c, templateNames }: { c: Ctx; templateNames: string[] }) {
  const t = useTranslations('policy.form.standardChanges');
  const tn = useTranslations('policy.names');
  const rows = rowIndices(c.values, STANDARD_CHANGES);
  const blank = (rows.length ? Math.max(...rows) : -1) + 1;
  const levelOptions = RISK_LEVELS.map((level) => ({ value: level, label: tn('levelTitle', { level }) }));
  return (
    <div className="space-y-2">
      <ListError c={c} name={STANDARD_CHANGES} />
      <datalist id="pf-template-names">
        {templateNames.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {[...rows, blank].map((i) => {
        const at = `${STANDARD_CHANGES}.${i}`;
        const isNew = i === blank;
        return (
          <fieldset key={at} className={cx('rounded border p-2', isNew ? 'border-dashed border-gray-300' : 'border-gray-200')}>
            <legend className="px-1 text-xs font-medium text-gray-800">{isNew ? t('add') : t('item', { n: rows.indexOf(i) + 1 })}</legend>
            <div className="flex flex-wrap items-start gap-2">
              <TextField
                id={fid(`${at}.template`)}
                name={`${at}.template`}
                label={t('template')}
                list="pf-template-names"
                defaultValue={text(c, `${at}.template`)}
                errors={c.errors[`${at}.template`]}
                className="w-56 max-w-full"
                maxLength={120}
              />
              <TextField
                id={fid(`${at}.components`)}
                name={`${at}.components`}
                label={t('components')}
                hint={t('componentsHint')}
                defaultValue={text(c, `${at}.components`)}
                errors={c.errors[`${at}.components`]}
                className="min-w-56 flex-1"
                spellCheck={false}
              />
              <SelectField
                id={fid(`${at}.maxRiskLevel`)}
                name={`${at}.maxRiskLevel`}
                label={t('maxRiskLevel')}
                options={levelOptions}
                defaultValue={text(c, `${at}.maxRiskLevel`) || 'low'}
                errors={c.errors[`${at}.maxRiskLevel`]}
                className="w-40"
              />
              <TextField
                id={fid(`${at}.maxPackageItems`)}
                name={`${at}.maxPackageItems`}
                label={t('maxPackageItems')}
                type="number"
                inputMode="numeric"
                defaultValue={text(c, `${at}.maxPackageItems`) || (isNew ? '3' : '')}
                errors={c.errors[`${at}.maxPackageItems`]}
                className="w-48"
              />
              {isNew ? null : <Check c={c} name={`${at}.remove`} label={t('remove')} className="pt-6" />}
            </div>
            <FieldError id={fid(at)} errors={c.errors[at]} />
          </fieldset>
        );
      })}
    </div>
  );
}

/** Every error of the last submission, each linking to its field (also catches errors of fields the form does not show). */
function ErrorSummary({ errors }: { errors: Record<string, string[]> }) {
  const t = useTranslations('policy.form');
  const entries = Object.entries(errors).filter(([k]) => k !== '_form');
  if (!entries.length) return null;
  return (
    <div className="rounded-md border border-red-300 bg-white p-3">
      <h2 className="text-sm font-semibold text-red-800">{t('errorSummary', { count: entries.length })}</h2>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
        {entries.slice(0, 30).map(([path, messages]) => (
          <li key={path}>
            {t.rich('errorItem', {
              field: path.replace(/\./g, ' › '),
              messages: messages.join(' '),
              link: (chunks) => (
                <a href={`#${fid(path)}`} className="link">
                  {chunks}
                </a>
              ),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The policy's "Reminders and escalation" delays (0 switches one off); their labels and hints are policy.form.reminders.<key>. */
const REMINDER_FIELDS = [
  { key: 'windowNoticeHours', max: 720 },
  { key: 'windowMissedEscalationHours', max: 720 },
  { key: 'approvalReminderHours', max: 720 },
  { key: 'approvalEscalationHours', max: 720 },
  { key: 'freezeNoticeHours', max: 720 },
  { key: 'actionItemReminderDays', max: 30 },
] as const;

export function PolicyForm({
  action,
  initial,
  basedOnVersion,
  teams,
  templateNames = [],
}: {
  action: Action;
  initial: FormValues;
  basedOnVersion: number;
  teams: { slug: string; name: string }[];
  /** release templates, suggested for the standard changes */
  templateNames?: string[];
}) {
  const t = useTranslations('policy.form');
  const tn = useTranslations('policy.names');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const c: Ctx = {
    values: state.status === 'error' && state.values ? state.values : initial,
    errors: state.status === 'error' ? (state.fieldErrors ?? {}) : {},
  };
  const typeOptions = RELEASE_TYPES.map((type) => ({ value: type, label: tn('typeTitle', { type }) }));
  const mandatory = Object.fromEntries(MANDATORY_REVIEW_TRIGGERS.map((trigger) => [trigger, t('reviews.mandatory')]));
  const orphanErrors = Object.entries(c.errors).filter(([k]) => k === '_form');

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormMessages state={state} />
      {orphanErrors.length ? <FieldError id="pf-form" errors={orphanErrors.flatMap(([, m]) => m)} /> : null}
      <ErrorSummary errors={c.errors} />
      <input type="hidden" name="basedOnVersion" value={basedOnVersion} />
      <TextField id={fid('name')} name="name" label={t('name')} defaultValue={text(c, 'name')} errors={c.errors.name} maxLength={120} className="max-w-md" />

      <Group title={t('risk.title')} hint={t('risk.hint')}>
        <ListError c={c} name="risk.thresholds" />
        <div className="flex flex-wrap gap-3">
          <Num c={c} name="risk.thresholds.medium" label={t('risk.mediumFrom')} />
          <Num c={c} name="risk.thresholds.high" label={t('risk.highFrom')} />
          <Num c={c} name="risk.thresholds.critical" label={t('risk.criticalFrom')} hint={t('risk.thresholdsHint')} />
        </div>
        <h3 className="mt-3 text-sm font-semibold text-gray-900">{t('risk.typeAdds')}</h3>
        <div className="flex flex-wrap gap-3">
          {RELEASE_TYPES.map((type) => (
            <Num key={type} c={c} name={`risk.factors.releaseType.${type}`} label={tn('typeTitle', { type })} />
          ))}
        </div>
        <h3 className="mt-3 text-sm font-semibold text-gray-900">{t('risk.tierAdds')}</h3>
        <div className="flex flex-wrap gap-3">
          {['1', '2', '3', '4'].map((tier) => (
            <Num key={tier} c={c} name={`risk.factors.highestComponentTier.${tier}`} label={t('risk.tier', { tier })} />
          ))}
        </div>
        <h3 className="mt-3 text-sm font-semibold text-gray-900">{t('risk.targetAndSize')}</h3>
        <div className="flex flex-wrap gap-3">
          <Num c={c} name="risk.factors.targetsProduction" label={t('risk.productionAdds')} />
          <Num c={c} name="risk.factors.perExtraComponent" label={t('risk.perExtraComponent')} hint={t('risk.perExtraComponentHint')} />
          <Num c={c} name="risk.factors.perExtraComponentMax" label={t('risk.perExtraComponentMax')} />
        </div>
        <h3 className="mt-3 text-sm font-semibold text-gray-900">{t('risk.recentFailures')}</h3>
        <div className="flex flex-wrap gap-3">
          <Num c={c} name="risk.factors.recentFailure.withinDays" label={t('risk.withinDays')} min={1} max={365} hint={t('risk.withinDaysHint')} />
          <Num c={c} name="risk.factors.recentFailure.contribution" label={t('risk.adds')} />
        </div>
        <div className="mt-3">
          <BandRows c={c} />
        </div>
      </Group>

      <Group title={t('byLevel.title')} hint={t('byLevel.hint')}>
        <div className="space-y-4">
          {RISK_LEVELS.map((level) => (
            <RuleRows key={level} c={c} path={`${BY_RISK_LEVEL}.${level}`} title={t('byLevel.level', { level })} teams={teams} />
          ))}
        </div>
      </Group>

      <Group title={t('byType.title')} hint={t('byType.hint')}>
        <div className="space-y-4">
          {RELEASE_TYPES.map((type) => (
            <RuleRows key={type} c={c} path={`${BY_RELEASE_TYPE}.${type}`} title={t('byType.type', { type })} teams={teams} collapsible />
          ))}
          <RuleRows c={c} path={FOR_PROTECTED} title={t('byType.protected')} teams={teams} collapsible />
        </div>
      </Group>

      <Group title={t('cab.title')}>
        <div className="flex flex-wrap gap-4">
          <TextField
            id={fid('approvals.cab.name')}
            name="approvals.cab.name"
            label={t('cab.name')}
            defaultValue={text(c, 'approvals.cab.name')}
            errors={c.errors['approvals.cab.name']}
            maxLength={80}
            className="w-72"
          />
          <TextAreaField
            id={fid('approvals.cab.members')}
            name="approvals.cab.members"
            label={t('cab.members')}
            hint={t('cab.membersHint')}
            defaultValue={text(c, 'approvals.cab.members')}
            errors={Object.entries(c.errors)
              .filter(([k]) => k === 'approvals.cab.members' || k.startsWith('approvals.cab.members.'))
              .flatMap(([, m]) => m)}
            rows={4}
            className="w-80"
          />
        </div>
        <div className="mt-3 flex flex-wrap gap-3">
          <Num c={c} name="approvals.expiryDays" label={t('cab.expiryDays')} min={1} max={90} />
          <Num c={c} name="approvals.expiryWarningHours" label={t('cab.expiryWarningHours')} min={1} max={240} />
        </div>
      </Group>

      <Group title={t('emergency.title')} hint={t('emergency.hint')}>
        <div className="flex flex-wrap gap-3">
          <Num c={c} name="emergency.approversRequired" label={t('emergency.approversRequired')} min={1} max={3} />
          <Num
            c={c}
            name="emergency.confirmWithinHours"
            label={t('emergency.confirmWithinHours')}
            min={1}
            max={72}
            hint={t('emergency.confirmWithinHoursHint')}
          />
        </div>
      </Group>

      <Group title={t('gates.title')}>
        <div className="flex flex-wrap gap-8">
          <Checks c={c} name="gates.backoutPlanRequiredFor" label={t('gates.backoutFor')} options={typeOptions} />
          <Checks c={c} name="gates.testEvidenceRequiredFor" label={t('gates.evidenceFor')} options={typeOptions} />
          <div className="flex flex-col gap-1.5">
            <Check c={c} name="gates.planTasksNeedOwners" label={t('gates.planTaskOwners')} />
            <Check c={c} name="gates.productionRequiresStagingSuccess" label={t('gates.stagingFirst')} />
            <Check c={c} name="gates.respectMaintenanceWindows" label={t('gates.maintenanceWindows')} />
          </div>
        </div>
      </Group>

      <Group title={t('reviews.title')}>
        <div className="flex flex-wrap gap-8">
          <Checks
            c={c}
            name="reviewRequiredAfter"
            label={t('reviews.requiredAfter')}
            options={REVIEW_TRIGGERS.map((trigger) => ({ value: trigger, label: t(`triggers.${trigger}`) }))}
            locked={mandatory}
          />
          <div className="space-y-3">
            <Num c={c} name="freezeOverride.peopleRequired" label={t('reviews.overridePeople')} min={2} max={5} hint={t('reviews.overridePeopleHint')} />
            <Checks
              c={c}
              name="conflicts.acknowledgeable"
              label={t('reviews.acknowledgeable')}
              options={(['environment', 'component', 'owner'] as const).map((kind) => ({ value: kind, label: t(`reviews.conflicts.${kind}`) }))}
            />
          </div>
        </div>
      </Group>

      <Group title={t('reminders.title')} hint={t('reminders.hint')}>
        <div className="flex flex-wrap gap-3">
          {REMINDER_FIELDS.map((f) => (
            <Num
              key={f.key}
              c={c}
              name={`reminders.${f.key}`}
              label={t(`reminders.${f.key}.label`)}
              min={0}
              max={f.max}
              hint={t(`reminders.${f.key}.hint`)}
              className="w-64"
            />
          ))}
        </div>
      </Group>

      <Group title={t('standardChanges.title')} hint={t('standardChanges.hint')}>
        <StandardChangeRows c={c} templateNames={templateNames} />
      </Group>

      <Group title={t('separation.title')}>
        <p className="text-sm text-gray-800">{t('separation.body')}</p>
        {['approvals.excludeOwner', 'approvals.excludeRequester', 'approvals.excludeBuildAuthors', 'approvals.bindToPackageDigest'].map((k) => (
          <FieldError key={k} id={fid(k)} errors={c.errors[k]} />
        ))}
      </Group>

      <div className="rounded-md border border-gray-200 bg-white p-3">
        <TextAreaField
          id={fid('note')}
          name="note"
          label={t('note')}
          hint={t('noteHint')}
          defaultValue={text(c, 'note')}
          errors={c.errors.note}
          rows={2}
          maxLength={1000}
        />
        <div className="mt-3 flex items-center gap-3">
          <SubmitButton pendingText={t('pending')}>{t('save', { version: basedOnVersion + 1 })}</SubmitButton>
          <span className="text-xs text-gray-700">{t('basedOn', { version: basedOnVersion })}</span>
        </div>
      </div>
    </form>
  );
}
