import type { ApprovalRule, PolicyDocument } from './policy';
import en from '@/messages/en/domain-policy.json';
import { RELEASE_TYPES, RISK_LEVELS } from './policy-names';
import { sayer } from './said';

const say = sayer('domain-policy', en);

// The policy form is flat: each field's name is the dotted path of the value it
// sets in the policy document ("approvals.expiryDays", "approvals.byRiskLevel.high.0.count"),
// so the schema's errors land on the right field. These two pure functions turn a
// document into form values and back. Rows of a list may be blank (the "add" row)
// or marked for removal; they are skipped, and `rowMap` says which form row each
// list entry came from, so errors can be moved back onto the row the person sees.

export type PolicyFormValues = Record<string, string | string[]>;

export const RULE_FIELDS = ['key', 'description', 'role', 'count', 'distinctTeams', 'cabOnly', 'teamSlug'] as const;
export const RULE_LISTS: string[] = [
  ...RISK_LEVELS.map((l) => `approvals.byRiskLevel.${l}`),
  ...RELEASE_TYPES.map((t) => `approvals.byReleaseType.${t}`),
  'approvals.forProtectedEnvironments',
];
export const BANDS = 'risk.factors.highestOpenRiskScore';
/** the rows of templates pre-approved as standard changes (docs/decisions/045-standard-changes.md) */
export const STANDARD_CHANGES = 'standardChanges';
/** Post-release review triggers that the policy cannot drop. */
export const MANDATORY_REVIEW_TRIGGERS = ['failed_deployment', 'backout', 'emergency', 'freeze_override'] as const;

export const NUMBER_FIELDS = [
  'risk.thresholds.medium',
  'risk.thresholds.high',
  'risk.thresholds.critical',
  ...RELEASE_TYPES.map((t) => `risk.factors.releaseType.${t}`),
  ...['1', '2', '3', '4'].map((t) => `risk.factors.highestComponentTier.${t}`),
  'risk.factors.targetsProduction',
  'risk.factors.perExtraComponent',
  'risk.factors.perExtraComponentMax',
  'risk.factors.recentFailure.withinDays',
  'risk.factors.recentFailure.contribution',
  'approvals.expiryDays',
  'approvals.expiryWarningHours',
  'emergency.approversRequired',
  'emergency.confirmWithinHours',
  'freezeOverride.peopleRequired',
  'reminders.windowNoticeHours',
  'reminders.windowMissedEscalationHours',
  'reminders.approvalReminderHours',
  'reminders.approvalEscalationHours',
  'reminders.freezeNoticeHours',
  'reminders.actionItemReminderDays',
] as const;

export const BOOLEAN_FIELDS = ['gates.planTasksNeedOwners', 'gates.productionRequiresStagingSuccess', 'gates.respectMaintenanceWindows'] as const;
export const LIST_FIELDS = ['gates.backoutPlanRequiredFor', 'gates.testEvidenceRequiredFor', 'reviewRequiredAfter', 'conflicts.acknowledgeable'] as const;

const MAX_ROWS = 20;

function get(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc);
}

/** The form values that show a document. */
export function policyToFormValues(doc: PolicyDocument): PolicyFormValues {
  const v: PolicyFormValues = { name: doc.name };
  for (const p of NUMBER_FIELDS) v[p] = String(get(doc, p) ?? '');
  for (const p of BOOLEAN_FIELDS) if (get(doc, p) === true) v[p] = 'on';
  for (const p of LIST_FIELDS) v[p] = [...((get(doc, p) as string[] | undefined) ?? [])];
  doc.risk.factors.highestOpenRiskScore.forEach((b, i) => {
    v[`${BANDS}.${i}.atLeast`] = String(b.atLeast);
    v[`${BANDS}.${i}.contribution`] = String(b.contribution);
  });
  for (const list of RULE_LISTS) {
    ((get(doc, list) as ApprovalRule[] | undefined) ?? []).forEach((r, i) => {
      const at = `${list}.${i}`;
      v[`${at}.key`] = r.key;
      v[`${at}.description`] = r.description;
      v[`${at}.role`] = r.role;
      v[`${at}.count`] = String(r.count);
      if (r.distinctTeams) v[`${at}.distinctTeams`] = 'on';
      if (r.cabOnly) v[`${at}.cabOnly`] = 'on';
      v[`${at}.teamSlug`] = r.teamSlug ?? '';
    });
  }
  (doc.standardChanges ?? []).forEach((r, i) => {
    const at = `${STANDARD_CHANGES}.${i}`;
    v[`${at}.template`] = r.template;
    v[`${at}.components`] = r.components.join(', ');
    v[`${at}.maxRiskLevel`] = r.maxRiskLevel;
    v[`${at}.maxPackageItems`] = String(r.maxPackageItems);
  });
  v['approvals.cab.name'] = doc.approvals.cab.name;
  v['approvals.cab.members'] = doc.approvals.cab.members.join('\n');
  return v;
}

const text = (values: PolicyFormValues, name: string): string => {
  const x = values[name];
  return typeof x === 'string' ? x : Array.isArray(x) ? (x[0] ?? '') : '';
};
const list = (values: PolicyFormValues, name: string): string[] => {
  const x = values[name];
  return Array.isArray(x) ? x : typeof x === 'string' && x !== '' ? [x] : [];
};
const checked = (values: PolicyFormValues, name: string) => text(values, name) === 'on' || text(values, name) === 'true';

/** The form row indices present for a list, ascending (at most 20). */
export function rowIndices(values: PolicyFormValues, prefix: string): number[] {
  const found = new Set<number>();
  const start = `${prefix}.`;
  for (const k of Object.keys(values)) {
    if (!k.startsWith(start)) continue;
    const m = /^(\d{1,3})\./.exec(k.slice(start.length));
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b).slice(0, MAX_ROWS);
}

export interface AssembledPolicy {
  /** the document to validate with PolicyDocumentSchema */
  document: Record<string, unknown>;
  /** errors found while reading the form (not numbers, …), by form field name */
  errors: Record<string, string[]>;
  /** document path of a list entry ("approvals.byRiskLevel.low.1") → its form row ("approvals.byRiskLevel.low.2") */
  rowMap: Record<string, string>;
}

/** Turns the flat form into a policy document (not yet validated). */
export function policyFromFormValues(values: PolicyFormValues): AssembledPolicy {
  const errors: Record<string, string[]> = {};
  const rowMap: Record<string, string> = {};
  const num = (name: string): number | string | undefined => {
    const s = text(values, name).trim();
    if (s === '') {
      errors[name] = [say('form.wholeNumber')];
      return undefined;
    }
    if (!/^-?\d{1,6}$/.test(s)) {
      errors[name] = [say('form.wholeNumberNot', { text: s.slice(0, 20) })];
      return s;
    }
    return Number(s);
  };

  const doc: Record<string, unknown> = {};
  const set = (path: string, value: unknown) => {
    const keys = path.split('.');
    let o = doc;
    for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
    o[keys[keys.length - 1]!] = value;
  };

  set('name', text(values, 'name'));
  for (const p of NUMBER_FIELDS) set(p, num(p));
  for (const p of BOOLEAN_FIELDS) set(p, checked(values, p));
  for (const p of LIST_FIELDS) set(p, [...new Set(list(values, p))]);

  const bands: { atLeast: unknown; contribution: unknown }[] = [];
  for (const i of rowIndices(values, BANDS)) {
    const at = `${BANDS}.${i}`;
    if (checked(values, `${at}.remove`)) continue;
    if (!text(values, `${at}.atLeast`).trim() && !text(values, `${at}.contribution`).trim()) continue;
    rowMap[`${BANDS}.${bands.length}`] = at;
    bands.push({ atLeast: num(`${at}.atLeast`), contribution: num(`${at}.contribution`) });
  }
  set(BANDS, bands);

  for (const listPath of RULE_LISTS) {
    const rules: Record<string, unknown>[] = [];
    for (const i of rowIndices(values, listPath)) {
      const at = `${listPath}.${i}`;
      if (checked(values, `${at}.remove`)) continue;
      if (!text(values, `${at}.key`).trim() && !text(values, `${at}.description`).trim()) continue;
      rowMap[`${listPath}.${rules.length}`] = at;
      const team = text(values, `${at}.teamSlug`).trim();
      rules.push({
        key: text(values, `${at}.key`),
        description: text(values, `${at}.description`),
        role: text(values, `${at}.role`),
        count: num(`${at}.count`),
        distinctTeams: checked(values, `${at}.distinctTeams`),
        cabOnly: checked(values, `${at}.cabOnly`),
        ...(team ? { teamSlug: team } : {}),
      });
    }
    // extra rules by release type are optional: an empty list is left out
    if (rules.length || !listPath.startsWith('approvals.byReleaseType.')) set(listPath, rules);
  }
  if (!get(doc, 'approvals.byReleaseType')) set('approvals.byReleaseType', {});

  const standard: Record<string, unknown>[] = [];
  for (const i of rowIndices(values, STANDARD_CHANGES)) {
    const at = `${STANDARD_CHANGES}.${i}`;
    if (checked(values, `${at}.remove`)) continue;
    if (!text(values, `${at}.template`).trim() && !text(values, `${at}.components`).trim()) continue;
    rowMap[`${STANDARD_CHANGES}.${standard.length}`] = at;
    standard.push({
      template: text(values, `${at}.template`),
      components: text(values, `${at}.components`)
        .split(/[\s,;]+/)
        .map((x) => x.trim())
        .filter(Boolean),
      maxRiskLevel: text(values, `${at}.maxRiskLevel`),
      maxPackageItems: num(`${at}.maxPackageItems`),
    });
  }
  set(STANDARD_CHANGES, standard);

  set('approvals.cab.name', text(values, 'approvals.cab.name'));
  set(
    'approvals.cab.members',
    text(values, 'approvals.cab.members')
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
  // separation of duties is not a choice the form offers
  set('approvals.excludeOwner', true);
  set('approvals.excludeRequester', true);
  set('approvals.excludeBuildAuthors', true);
  set('approvals.bindToPackageDigest', true);
  set('freezeOverride.reasonRequired', true);
  return { document: doc, errors, rowMap };
}

/** Moves schema errors of list entries onto the form rows they came from. */
export function errorsForForm(schemaErrors: Record<string, string[]>, rowMap: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(schemaErrors)) {
    let target = path;
    for (const [docPath, formPath] of Object.entries(rowMap)) {
      if (path === docPath || path.startsWith(`${docPath}.`)) {
        target = formPath + path.slice(docPath.length);
        break;
      }
    }
    (out[target] ??= []).push(...messages);
  }
  return out;
}
