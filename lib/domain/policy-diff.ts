// What changed between two versions of the release policy, in words: used by
// the audit event of a policy change and by the policy history. Pure.

import en from '@/messages/en/domain-policy-diff.json';
import { sayer, type SayValue } from './said';

export interface PolicyChange {
  /** dotted path, e.g. "approvals.expiryDays" or "approvals.byRiskLevel.high[approvers].count" */
  path: string;
  /** the sentence shown to people */
  text: string;
  before?: unknown;
  after?: unknown;
}

// Labels and sentences are messages of the domain-policy-diff catalogue, said in English and
// remembered for the reader's language (docs/decisions/060-refusals-in-the-readers-language.md).
const say = sayer('domain-policy-diff', en);

/** The paths with a label of their own (messages `label.<path>`). */
const LABELLED = new Set([
  'name',
  'risk.thresholds.medium',
  'risk.thresholds.high',
  'risk.thresholds.critical',
  'risk.factors.targetsProduction',
  'risk.factors.perExtraComponent',
  'risk.factors.perExtraComponentMax',
  'risk.factors.highestOpenRiskScore',
  'risk.factors.recentFailure.withinDays',
  'risk.factors.recentFailure.contribution',
  'approvals.cab.name',
  'approvals.cab.members',
  'approvals.expiryDays',
  'approvals.expiryWarningHours',
  'approvals.forProtectedEnvironments',
  'emergency.approversRequired',
  'emergency.confirmWithinHours',
  'gates.backoutPlanRequiredFor',
  'gates.testEvidenceRequiredFor',
  'gates.planTasksNeedOwners',
  'gates.productionRequiresStagingSuccess',
  'gates.respectMaintenanceWindows',
  'reviewRequiredAfter',
  'freezeOverride.peopleRequired',
  'conflicts.acknowledgeable',
  'reminders.windowNoticeHours',
  'reminders.windowMissedEscalationHours',
  'reminders.approvalReminderHours',
  'reminders.approvalEscalationHours',
  'reminders.freezeNoticeHours',
  'reminders.actionItemReminderDays',
  'standardChanges',
]);

const words = (key: string, values?: Record<string, SayValue>): SayValue => (values ? { key, values } : { key });

function label(path: string): SayValue {
  if (LABELLED.has(path)) return words(`label.${path}`);
  let m = /^risk\.factors\.releaseType\.(\w+)$/.exec(path);
  if (m) return words('label.releaseTypeWeight', { type: m[1]! });
  m = /^risk\.factors\.highestComponentTier\.(\d)$/.exec(path);
  if (m) return words('label.tierWeight', { tier: m[1]! });
  m = /^approvals\.byRiskLevel\.(\w+)$/.exec(path);
  if (m) return words('label.riskLevelRules', { level: m[1]! });
  m = /^approvals\.byReleaseType\.(\w+)$/.exec(path);
  if (m) return words('label.releaseTypeRules', { type: m[1]! });
  return path
    .split('.')
    .map((p) => p.replace(/([A-Z])/g, ' $1').toLowerCase())
    .join(' › ');
}

/** "a, b, c" (each item said in the reader's language). */
function commaList(items: readonly SayValue[]): SayValue {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  return words('comma', { first: items[0]!, rest: commaList(items.slice(1)) });
}

const show = (v: unknown): SayValue => {
  if (v === undefined || v === null) return words('value.notSet');
  if (typeof v === 'boolean') return words(v ? 'value.yes' : 'value.no');
  if (Array.isArray(v)) return v.length ? commaList(v.map(show)) : words('value.none');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isRuleList = (v: unknown): v is { key: string }[] => Array.isArray(v) && v.every((r) => isObj(r) && typeof r.key === 'string');

function ruleWords(r: Record<string, unknown>): SayValue {
  const extras = [
    r.distinctTeams ? words('rule.differentTeams') : null,
    r.cabOnly ? words('rule.cabOnly') : null,
    r.teamSlug ? words('rule.team', { team: String(r.teamSlug) }) : null,
  ].filter((x): x is SayValue => x !== null);
  const values = { key: String(r.key), count: String(r.count), role: String(r.role) };
  return extras.length ? words('rule.withExtras', { ...values, extras: commaList(extras) }) : words('rule.plain', values);
}

function standardWords(r: Record<string, unknown>): SayValue {
  const comps = Array.isArray(r.components) ? (r.components as unknown[]).map(String).join(', ') : '';
  return words('standard', {
    template: String(r.template),
    components: comps || words('value.none'),
    risk: String(r.maxRiskLevel),
    builds: String(r.maxPackageItems),
  });
}

/** A field of a rule, in words ("distinct teams"). */
const fieldWords = (k: string): SayValue => words('rule.field', { field: k, text: k.replace(/([A-Z])/g, ' $1').toLowerCase() });

/** Standard changes are keyed by their template's name. */
function walkStandardChanges(a: unknown, b: unknown, path: string, out: PolicyChange[]) {
  const before = (Array.isArray(a) ? a : []) as Record<string, unknown>[];
  const after = (Array.isArray(b) ? b : []) as Record<string, unknown>[];
  const where = label(path);
  const name = (r: Record<string, unknown>) => String(r.template).toLowerCase();
  for (const r of after) {
    const old = before.find((x) => name(x) === name(r));
    if (!old) out.push({ path: `${path}[${String(r.template)}]`, text: say('added', { what: where, item: standardWords(r) }), after: r });
    else if (!same(old, r))
      out.push({
        path: `${path}[${String(r.template)}]`,
        text: say('set', { what: where, before: standardWords(old), after: standardWords(r) }),
        before: old,
        after: r,
      });
  }
  for (const r of before) {
    if (!after.some((x) => name(x) === name(r)))
      out.push({ path: `${path}[${String(r.template)}]`, text: say('removed', { what: where, item: standardWords(r) }), before: r });
  }
}

function walk(a: unknown, b: unknown, path: string, out: PolicyChange[]) {
  if (same(a, b)) return;
  if (path === 'standardChanges') {
    walkStandardChanges(a, b, path, out);
    return;
  }
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) walk(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  const ruleish = (v: unknown) => v === undefined || isRuleList(v);
  if (ruleish(a) && ruleish(b) && ((isRuleList(a) && a.length > 0) || (isRuleList(b) && b.length > 0))) {
    const before = (a ?? []) as Record<string, unknown>[];
    const after = (b ?? []) as Record<string, unknown>[];
    const where = label(path);
    for (const r of after) {
      const old = before.find((x) => x.key === r.key);
      if (!old) out.push({ path: `${path}[${String(r.key)}]`, text: say('ruleAdded', { what: where, rule: ruleWords(r) }), after: r });
      else if (!same(old, r)) {
        const fields = [...new Set([...Object.keys(old), ...Object.keys(r)])].filter((k) => !same(old[k], r[k]));
        out.push({
          path: `${path}[${String(r.key)}]`,
          text: say('ruleChanged', {
            what: where,
            key: String(r.key),
            changes: commaList(fields.map((k) => words('fieldSet', { field: fieldWords(k), before: show(old[k]), after: show(r[k]) }))),
          }),
          before: old,
          after: r,
        });
      }
    }
    for (const r of before) {
      if (!after.some((x) => x.key === r.key))
        out.push({ path: `${path}[${String(r.key)}]`, text: say('ruleRemoved', { what: where, rule: ruleWords(r) }), before: r });
    }
    return;
  }
  if ((Array.isArray(a) || a === undefined) && (Array.isArray(b) || b === undefined) && [...(a ?? []), ...(b ?? [])].every((x) => typeof x !== 'object')) {
    const before = (a ?? []) as unknown[];
    const after = (b ?? []) as unknown[];
    const added = after.filter((x) => !before.includes(x));
    const removed = before.filter((x) => !after.includes(x));
    const what = label(path);
    const text =
      added.length && removed.length
        ? say('addedRemoved', { what, added: commaList(added.map(show)), removed: commaList(removed.map(show)) })
        : added.length
          ? say('added', { what, item: commaList(added.map(show)) })
          : removed.length
            ? say('removed', { what, item: commaList(removed.map(show)) })
            : say('set', { what, before: show(before), after: show(after) });
    out.push({ path, text, before: a, after: b });
    return;
  }
  out.push({ path, text: say('set', { what: label(path), before: show(a), after: show(b) }), before: a, after: b });
}

/** Every difference between two policy documents, in words, in document order. */
export function describePolicyChanges(a: unknown, b: unknown): PolicyChange[] {
  const out: PolicyChange[] = [];
  walk(a, b, '', out);
  return out;
}
