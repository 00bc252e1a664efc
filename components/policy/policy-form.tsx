'use client';

import { useActionState, type ReactNode } from 'react';
import { IDLE, type FormState, type FormValues } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { FieldError, FieldHint, labelClasses, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { cx } from '@/components/ui/cx';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { ROLE_LABELS, ROLES } from '@/lib/domain/permissions';
import { RELEASE_TYPES, REVIEW_TRIGGERS, RISK_LEVELS } from '@/lib/domain/policy-names';
import { BANDS, MANDATORY_REVIEW_TRIGGERS, rowIndices, STANDARD_CHANGES } from '@/lib/domain/policy-form';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

const fid = (name: string) => `pf-${name.replace(/\./g, '-')}`;
const TYPE_LABELS: Record<string, string> = { standard: 'Standard', normal: 'Normal', major: 'Major', emergency: 'Emergency' };
const TRIGGER_LABELS: Record<string, string> = {
  failed_deployment: 'A failed deployment',
  backout: 'A back-out',
  emergency: 'An emergency release',
  freeze_override: 'A freeze override',
  major_release: 'A major release',
  critical_risk: 'A critical-risk release',
};

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
  const rows = rowIndices(c.values, path);
  const blank = (rows.length ? Math.max(...rows) : -1) + 1;
  const all = [...rows, blank];
  const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  const teamOptions = [{ value: '', label: 'Any team' }, ...teams.map((t) => ({ value: t.slug, label: t.name }))];
  const hasErrors = Object.keys(c.errors).some((k) => k === path || k.startsWith(`${path}.`));
  if (collapsible && !rows.length && !hasErrors) {
    // nothing extra for this type: keep the (empty) add row out of the way until asked for
    return (
      <details>
        <summary className="cursor-pointer text-sm text-blue-800">
          {title}: no extra rules. <span className="font-medium">Add one</span>
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
              {isNew ? `Add a rule to ${title.toLowerCase()} (leave key and description empty to skip)` : `Rule ${rows.indexOf(i) + 1}`}
            </legend>
            <div className="flex flex-wrap items-start gap-2">
              <TextField
                id={fid(`${at}.key`)}
                name={`${at}.key`}
                label="Key"
                defaultValue={text(c, `${at}.key`)}
                errors={c.errors[`${at}.key`]}
                className="w-32"
                maxLength={40}
                spellCheck={false}
              />
              <TextField
                id={fid(`${at}.description`)}
                name={`${at}.description`}
                label="Description"
                defaultValue={text(c, `${at}.description`)}
                errors={c.errors[`${at}.description`]}
                className="min-w-56 flex-1"
                maxLength={200}
              />
              <SelectField
                id={fid(`${at}.role`)}
                name={`${at}.role`}
                label="Role"
                options={roleOptions}
                defaultValue={text(c, `${at}.role`) || 'approver'}
                errors={c.errors[`${at}.role`]}
                className="w-40"
              />
              <TextField
                id={fid(`${at}.count`)}
                name={`${at}.count`}
                label="Approvals"
                type="number"
                inputMode="numeric"
                defaultValue={text(c, `${at}.count`) || (isNew ? '1' : '')}
                errors={c.errors[`${at}.count`]}
                className="w-24"
              />
              <SelectField
                id={fid(`${at}.teamSlug`)}
                name={`${at}.teamSlug`}
                label="From team"
                options={teamOptions}
                defaultValue={text(c, `${at}.teamSlug`)}
                errors={c.errors[`${at}.teamSlug`]}
                className="w-44"
              />
              <div className="flex flex-col gap-1 pt-5">
                <Check c={c} name={`${at}.distinctTeams`} label="From different teams" />
                <Check c={c} name={`${at}.cabOnly`} label="CAB members only" />
                {isNew ? null : <Check c={c} name={`${at}.remove`} label="Remove this rule" />}
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
  const rows = rowIndices(c.values, BANDS);
  const blank = (rows.length ? Math.max(...rows) : -1) + 1;
  return (
    <div className="space-y-1.5">
      <h3 className="text-sm font-semibold text-gray-900">Highest open or accepted risk score</h3>
      <p className="text-xs text-gray-700">
        The highest score (likelihood × impact, 1–25) of a release&apos;s open or accepted risks adds the largest contribution of the bands it reaches.
      </p>
      <ListError c={c} name={BANDS} />
      {[...rows, blank].map((i) => {
        const at = `${BANDS}.${i}`;
        const isNew = i === blank;
        return (
          <fieldset key={at} className="flex flex-wrap items-start gap-2">
            <legend className="sr-only">{isNew ? 'Add a band' : `Band ${rows.indexOf(i) + 1}`}</legend>
            <TextField
              id={fid(`${at}.atLeast`)}
              name={`${at}.atLeast`}
              label={isNew ? 'New band: score at least' : 'Score at least'}
              type="number"
              inputMode="numeric"
              defaultValue={text(c, `${at}.atLeast`)}
              errors={c.errors[`${at}.atLeast`]}
              className="w-44"
            />
            <TextField
              id={fid(`${at}.contribution`)}
              name={`${at}.contribution`}
              label="Adds"
              type="number"
              inputMode="numeric"
              defaultValue={text(c, `${at}.contribution`)}
              errors={c.errors[`${at}.contribution`]}
              className="w-28"
            />
            {isNew ? null : <Check c={c} name={`${at}.remove`} label="Remove" className="pt-6" />}
          </fieldset>
        );
      })}
    </div>
  );
}

/** Templates pre-approved as standard changes, with their limits (docs/decisions/045-standard-changes.md). */
function StandardChangeRows({ c, templateNames }: { c: Ctx; templateNames: string[] }) {
  const rows = rowIndices(c.values, STANDARD_CHANGES);
  const blank = (rows.length ? Math.max(...rows) : -1) + 1;
  const levelOptions = RISK_LEVELS.map((l) => ({ value: l, label: `${l[0]!.toUpperCase()}${l.slice(1)}` }));
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
            <legend className="px-1 text-xs font-medium text-gray-800">
              {isNew ? 'Pre-approve another template (leave the template empty to skip)' : `Standard change ${rows.indexOf(i) + 1}`}
            </legend>
            <div className="flex flex-wrap items-start gap-2">
              <TextField
                id={fid(`${at}.template`)}
                name={`${at}.template`}
                label="Template name"
                list="pf-template-names"
                defaultValue={text(c, `${at}.template`)}
                errors={c.errors[`${at}.template`]}
                className="w-56 max-w-full"
                maxLength={120}
              />
              <TextField
                id={fid(`${at}.components`)}
                name={`${at}.components`}
                label="Allowed components"
                hint="Component names, separated by commas."
                defaultValue={text(c, `${at}.components`)}
                errors={c.errors[`${at}.components`]}
                className="min-w-56 flex-1"
                spellCheck={false}
              />
              <SelectField
                id={fid(`${at}.maxRiskLevel`)}
                name={`${at}.maxRiskLevel`}
                label="Highest risk level"
                options={levelOptions}
                defaultValue={text(c, `${at}.maxRiskLevel`) || 'low'}
                errors={c.errors[`${at}.maxRiskLevel`]}
                className="w-40"
              />
              <TextField
                id={fid(`${at}.maxPackageItems`)}
                name={`${at}.maxPackageItems`}
                label="Most builds in the package"
                type="number"
                inputMode="numeric"
                defaultValue={text(c, `${at}.maxPackageItems`) || (isNew ? '3' : '')}
                errors={c.errors[`${at}.maxPackageItems`]}
                className="w-48"
              />
              {isNew ? null : <Check c={c} name={`${at}.remove`} label="Remove" className="pt-6" />}
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
  const entries = Object.entries(errors).filter(([k]) => k !== '_form');
  if (!entries.length) return null;
  return (
    <div className="rounded-md border border-red-300 bg-white p-3">
      <h2 className="text-sm font-semibold text-red-800">
        {entries.length} {entries.length === 1 ? 'field needs' : 'fields need'} attention
      </h2>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
        {entries.slice(0, 30).map(([path, messages]) => (
          <li key={path}>
            <a href={`#${fid(path)}`} className="link">
              {path.replace(/\./g, ' › ')}
            </a>
            : {messages.join(' ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The policy's "Reminders and escalation" delays (0 switches one off). */
const REMINDER_FIELDS = [
  {
    name: 'reminders.windowNoticeHours',
    label: 'Window notice (hours before)',
    max: 720,
    hint: 'The owner and operations hear that a deployment window opens.',
  },
  {
    name: 'reminders.windowMissedEscalationHours',
    label: 'Missed window: escalate after (hours)',
    max: 720,
    hint: 'The owner is told when a window ends with nothing deployed; still nothing this long after, the CAB, the admins and the owner are told.',
  },
  {
    name: 'reminders.approvalReminderHours',
    label: 'Approvals waiting: remind after (hours)',
    max: 720,
    hint: 'Counted from submission. The people who can still approve are reminded.',
  },
  {
    name: 'reminders.approvalEscalationHours',
    label: 'Approvals waiting: escalate after (hours)',
    max: 720,
    hint: 'Later than the reminder. The CAB, the admins and the owner are told who was asked.',
  },
  {
    name: 'reminders.freezeNoticeHours',
    label: 'Freeze notice (hours before)',
    max: 720,
    hint: 'Owners of releases with a scheduled window inside the freeze hear that it starts.',
  },
  {
    name: 'reminders.actionItemReminderDays',
    label: 'Overdue action items: remind every (days)',
    max: 30,
    hint: 'From the day after the due date, for 90 days; the release owner is told once.',
  },
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
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const c: Ctx = {
    values: state.status === 'error' && state.values ? state.values : initial,
    errors: state.status === 'error' ? (state.fieldErrors ?? {}) : {},
  };
  const typeOptions = RELEASE_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t]! }));
  const mandatory = Object.fromEntries(MANDATORY_REVIEW_TRIGGERS.map((t) => [t, 'Always required: a failure or an exception is always reviewed.']));
  const orphanErrors = Object.entries(c.errors).filter(([k]) => k === '_form');

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormMessages state={state} />
      {orphanErrors.length ? <FieldError id="pf-form" errors={orphanErrors.flatMap(([, m]) => m)} /> : null}
      <ErrorSummary errors={c.errors} />
      <input type="hidden" name="basedOnVersion" value={basedOnVersion} />
      <TextField id={fid('name')} name="name" label="Policy name" defaultValue={text(c, 'name')} errors={c.errors.name} maxLength={120} className="max-w-md" />

      <Group
        title="Risk level"
        hint="Each release's score is the sum of these contributions; its level is the highest threshold the score reaches (below medium it is low)."
      >
        <ListError c={c} name="risk.thresholds" />
        <div className="flex flex-wrap gap-3">
          <Num c={c} name="risk.thresholds.medium" label="Medium from score" />
          <Num c={c} name="risk.thresholds.high" label="High from score" />
          <Num c={c} name="risk.thresholds.critical" label="Critical from score" hint="Must rise: medium < high < critical." />
        </div>
        <h3 className="mt-3 text-sm font-semibold text-gray-900">Release type adds</h3>
        <div className="flex flex-wrap gap-3">
          {RELEASE_TYPES.map((t) => (
            <Num key={t} c={c} name={`risk.factors.releaseType.${t}`} label={TYPE_LABELS[t]!} />
          ))}
        </div>
        <h3 className="mt-3 text-sm font-semibold text-gray-900">Most critical component adds</h3>
        <div className="flex flex-wrap gap-3">
          {['1', '2', '3', '4'].map((t) => (
            <Num key={t} c={c} name={`risk.factors.highestComponentTier.${t}`} label={`Tier ${t}${t === '1' ? ' (most critical)' : ''}`} />
          ))}
        </div>
        <h3 className="mt-3 text-sm font-semibold text-gray-900">Target and size</h3>
        <div className="flex flex-wrap gap-3">
          <Num c={c} name="risk.factors.targetsProduction" label="Deploys to production adds" />
          <Num c={c} name="risk.factors.perExtraComponent" label="Each extra component adds" hint="Per component beyond the first." />
          <Num c={c} name="risk.factors.perExtraComponentMax" label="Package size adds at most" />
        </div>
        <h3 className="mt-3 text-sm font-semibold text-gray-900">Recent failures</h3>
        <div className="flex flex-wrap gap-3">
          <Num
            c={c}
            name="risk.factors.recentFailure.withinDays"
            label="Counts for (days)"
            min={1}
            max={365}
            hint="A failed deployment or back-out of one of the package's components."
          />
          <Num c={c} name="risk.factors.recentFailure.contribution" label="Adds" />
        </div>
        <div className="mt-3">
          <BandRows c={c} />
        </div>
      </Group>

      <Group
        title="Approval rules by risk level"
        hint="Every rule must be met by distinct people. Owners, requesters and build authors never count (separation of duties)."
      >
        <div className="space-y-4">
          {RISK_LEVELS.map((l) => (
            <RuleRows key={l} c={c} path={`approvals.byRiskLevel.${l}`} title={`${l[0]!.toUpperCase()}${l.slice(1)} risk`} teams={teams} />
          ))}
        </div>
      </Group>

      <Group
        title="Extra approval rules by release type"
        hint="Added to the risk level's rules, e.g. a CAB member for every major release. Leave empty for none."
      >
        <div className="space-y-4">
          {RELEASE_TYPES.map((t) => (
            <RuleRows key={t} c={c} path={`approvals.byReleaseType.${t}`} title={`${TYPE_LABELS[t]} releases`} teams={teams} collapsible />
          ))}
          <RuleRows c={c} path="approvals.forProtectedEnvironments" title="Releases to a protected environment" teams={teams} collapsible />
        </div>
      </Group>

      <Group title="Change Advisory Board and approval expiry">
        <div className="flex flex-wrap gap-4">
          <TextField
            id={fid('approvals.cab.name')}
            name="approvals.cab.name"
            label="Board name"
            defaultValue={text(c, 'approvals.cab.name')}
            errors={c.errors['approvals.cab.name']}
            maxLength={80}
            className="w-72"
          />
          <TextAreaField
            id={fid('approvals.cab.members')}
            name="approvals.cab.members"
            label="CAB members"
            hint="Email addresses, one per line."
            defaultValue={text(c, 'approvals.cab.members')}
            errors={Object.entries(c.errors)
              .filter(([k]) => k === 'approvals.cab.members' || k.startsWith('approvals.cab.members.'))
              .flatMap(([, m]) => m)}
            rows={4}
            className="w-80"
          />
        </div>
        <div className="mt-3 flex flex-wrap gap-3">
          <Num c={c} name="approvals.expiryDays" label="Approvals expire after (days)" min={1} max={90} />
          <Num c={c} name="approvals.expiryWarningHours" label="Warn the owner (hours before)" min={1} max={240} />
        </div>
      </Group>

      <Group title="Emergency releases" hint="The break-glass path: fewer approvals now, a second person confirms soon after.">
        <div className="flex flex-wrap gap-3">
          <Num c={c} name="emergency.approversRequired" label="Approvers required" min={1} max={3} />
          <Num c={c} name="emergency.confirmWithinHours" label="Confirmed within (hours)" min={1} max={72} hint="By an admin or a CAB member." />
        </div>
      </Group>

      <Group title="Gates">
        <div className="flex flex-wrap gap-8">
          <Checks c={c} name="gates.backoutPlanRequiredFor" label="Back-out plan required for" options={typeOptions} />
          <Checks c={c} name="gates.testEvidenceRequiredFor" label="Test evidence required for" options={typeOptions} />
          <div className="flex flex-col gap-1.5">
            <Check c={c} name="gates.planTasksNeedOwners" label="Every plan task needs an owner" />
            <Check c={c} name="gates.productionRequiresStagingSuccess" label="Production needs a successful staging deployment first" />
            <Check c={c} name="gates.respectMaintenanceWindows" label="Deployments stay inside maintenance windows" />
          </div>
        </div>
      </Group>

      <Group title="Post-release reviews, freezes and conflicts">
        <div className="flex flex-wrap gap-8">
          <Checks
            c={c}
            name="reviewRequiredAfter"
            label="A review is required after"
            options={REVIEW_TRIGGERS.map((t) => ({ value: t, label: TRIGGER_LABELS[t] ?? t }))}
            locked={mandatory}
          />
          <div className="space-y-3">
            <Num
              c={c}
              name="freezeOverride.peopleRequired"
              label="People who must agree to a freeze override"
              min={2}
              max={5}
              hint="The requester plus confirmers; at least 2. A reason is always required."
            />
            <Checks
              c={c}
              name="conflicts.acknowledgeable"
              label="Scheduling conflicts that may be acknowledged with a reason"
              options={[
                { value: 'environment', label: 'Same environment at the same time' },
                { value: 'component', label: 'Same component in two releases' },
                { value: 'owner', label: 'Same owner in two releases' },
              ]}
            />
          </div>
        </div>
      </Group>

      <Group
        title="Reminders and escalation"
        hint={
          <>
            Checked every minute. 0 switches a reminder off. An escalation goes to the CAB (every active account whose e-mail is among the CAB members above),
            every admin, and the release&rsquo;s owner.
          </>
        }
      >
        <div className="flex flex-wrap gap-3">
          {REMINDER_FIELDS.map((f) => (
            <Num key={f.name} c={c} name={f.name} label={f.label} min={0} max={f.max} hint={f.hint} className="w-64" />
          ))}
        </div>
      </Group>

      <Group
        title="Standard changes"
        hint="Templates pre-approved by this policy: a release created from one that stays within its limits passes the approval gate without an approval round. Freezes, windows and every other gate still apply."
      >
        <StandardChangeRows c={c} templateNames={templateNames} />
      </Group>

      <Group title="Separation of duties">
        <p className="text-sm text-gray-800">
          Always on, not editable: owners, requesters and build authors never approve their own release, and every approval is bound to the package digest it
          saw.
        </p>
        {['approvals.excludeOwner', 'approvals.excludeRequester', 'approvals.excludeBuildAuthors', 'approvals.bindToPackageDigest'].map((k) => (
          <FieldError key={k} id={fid(k)} errors={c.errors[k]} />
        ))}
      </Group>

      <div className="rounded-md border border-gray-200 bg-white p-3">
        <TextAreaField
          id={fid('note')}
          name="note"
          label="Why this change"
          hint="Required. Kept with the new version and shown in the history, e.g. “CAB agreed 5-day approvals after the Q3 audit”."
          defaultValue={text(c, 'note')}
          errors={c.errors.note}
          rows={2}
          maxLength={1000}
        />
        <div className="mt-3 flex items-center gap-3">
          <SubmitButton pendingText="Saving…">Save as version {basedOnVersion + 1}</SubmitButton>
          <span className="text-xs text-gray-700">Based on version {basedOnVersion}. Releases already submitted keep the version they were decided under.</span>
        </div>
      </div>
    </form>
  );
}
