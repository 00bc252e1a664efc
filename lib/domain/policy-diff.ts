// What changed between two versions of the release policy, in words: used by
// the audit event of a policy change and by the policy history. Pure.

export interface PolicyChange {
  /** dotted path, e.g. "approvals.expiryDays" or "approvals.byRiskLevel.high[approvers].count" */
  path: string;
  /** the sentence shown to people */
  text: string;
  before?: unknown;
  after?: unknown;
}

const LABELS: Record<string, string> = {
  name: 'Policy name',
  'risk.thresholds.medium': 'Risk threshold for medium',
  'risk.thresholds.high': 'Risk threshold for high',
  'risk.thresholds.critical': 'Risk threshold for critical',
  'risk.factors.targetsProduction': 'Risk weight for a production target',
  'risk.factors.perExtraComponent': 'Risk weight per extra component',
  'risk.factors.perExtraComponentMax': 'Largest risk weight for package size',
  'risk.factors.highestOpenRiskScore': 'Risk bands for the highest open risk',
  'risk.factors.recentFailure.withinDays': 'Days a failure counts as recent',
  'risk.factors.recentFailure.contribution': 'Risk weight for a recent failure',
  'approvals.cab.name': 'CAB name',
  'approvals.cab.members': 'CAB members',
  'approvals.expiryDays': 'Approval expiry (days)',
  'approvals.expiryWarningHours': 'Approval expiry warning (hours)',
  'emergency.approversRequired': 'Emergency approvers required',
  'emergency.confirmWithinHours': 'Emergency confirmation within (hours)',
  'gates.backoutPlanRequiredFor': 'Back-out plan required for',
  'gates.testEvidenceRequiredFor': 'Test evidence required for',
  'gates.planTasksNeedOwners': 'Plan tasks need owners',
  'gates.productionRequiresStagingSuccess': 'Production requires staging success',
  'gates.respectMaintenanceWindows': 'Respect maintenance windows',
  reviewRequiredAfter: 'Post-release review required after',
  'freezeOverride.peopleRequired': 'People required for a freeze override',
  'conflicts.acknowledgeable': 'Conflicts that may be acknowledged',
  'reminders.windowNoticeHours': 'Window notice (hours before, 0 = off)',
  'reminders.windowMissedEscalationHours': 'Missed window escalated after (hours, 0 = off)',
  'reminders.approvalReminderHours': 'Approval reminder after (hours waiting, 0 = off)',
  'reminders.approvalEscalationHours': 'Approval escalated after (hours waiting, 0 = off)',
  'reminders.freezeNoticeHours': 'Freeze notice (hours before, 0 = off)',
  'reminders.actionItemReminderDays': 'Overdue action item reminder every (days, 0 = off)',
  standardChanges: 'Standard changes (pre-approved templates)',
};

function label(path: string): string {
  if (LABELS[path]) return LABELS[path];
  let m = /^risk\.factors\.releaseType\.(\w+)$/.exec(path);
  if (m) return `Risk weight for a ${m[1]} release`;
  m = /^risk\.factors\.highestComponentTier\.(\d)$/.exec(path);
  if (m) return `Risk weight for a tier ${m[1]} component`;
  m = /^approvals\.byRiskLevel\.(\w+)$/.exec(path);
  if (m) return `Approval rules for ${m[1]} risk`;
  m = /^approvals\.byReleaseType\.(\w+)$/.exec(path);
  if (m) return `Extra approval rules for ${m[1]} releases`;
  if (path === 'approvals.forProtectedEnvironments') return 'Extra approval rules for releases to a protected environment';
  return path
    .split('.')
    .map((p) => p.replace(/([A-Z])/g, ' $1').toLowerCase())
    .join(' › ');
}

const show = (v: unknown): string => {
  if (v === undefined || v === null) return 'not set';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : 'none';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isRuleList = (v: unknown): v is { key: string }[] => Array.isArray(v) && v.every((r) => isObj(r) && typeof r.key === 'string');

function ruleWords(r: Record<string, unknown>): string {
  const extras = [r.distinctTeams ? 'different teams' : '', r.cabOnly ? 'CAB only' : '', r.teamSlug ? `team ${String(r.teamSlug)}` : ''].filter(Boolean);
  return `"${String(r.key)}" (${String(r.count)} × ${String(r.role)}${extras.length ? `, ${extras.join(', ')}` : ''})`;
}

function standardWords(r: Record<string, unknown>): string {
  const comps = Array.isArray(r.components) ? (r.components as unknown[]).map(String).join(', ') : '';
  return `"${String(r.template)}" (components ${comps || 'none'}; risk at most ${String(r.maxRiskLevel)}; at most ${String(r.maxPackageItems)} builds)`;
}

/** Standard changes are keyed by their template's name. */
function walkStandardChanges(a: unknown, b: unknown, path: string, out: PolicyChange[]) {
  const before = (Array.isArray(a) ? a : []) as Record<string, unknown>[];
  const after = (Array.isArray(b) ? b : []) as Record<string, unknown>[];
  const where = label(path);
  const name = (r: Record<string, unknown>) => String(r.template).toLowerCase();
  for (const r of after) {
    const old = before.find((x) => name(x) === name(r));
    if (!old) out.push({ path: `${path}[${String(r.template)}]`, text: `${where}: added ${standardWords(r)}`, after: r });
    else if (!same(old, r))
      out.push({ path: `${path}[${String(r.template)}]`, text: `${where}: ${standardWords(old)} → ${standardWords(r)}`, before: old, after: r });
  }
  for (const r of before) {
    if (!after.some((x) => name(x) === name(r))) out.push({ path: `${path}[${String(r.template)}]`, text: `${where}: removed ${standardWords(r)}`, before: r });
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
      if (!old) out.push({ path: `${path}[${String(r.key)}]`, text: `${where}: added rule ${ruleWords(r)}`, after: r });
      else if (!same(old, r)) {
        const fields = [...new Set([...Object.keys(old), ...Object.keys(r)])].filter((k) => !same(old[k], r[k]));
        out.push({
          path: `${path}[${String(r.key)}]`,
          text: `${where}: rule "${String(r.key)}" ${fields.map((k) => `${k.replace(/([A-Z])/g, ' $1').toLowerCase()} ${show(old[k])} → ${show(r[k])}`).join(', ')}`,
          before: old,
          after: r,
        });
      }
    }
    for (const r of before) {
      if (!after.some((x) => x.key === r.key)) out.push({ path: `${path}[${String(r.key)}]`, text: `${where}: removed rule ${ruleWords(r)}`, before: r });
    }
    return;
  }
  if ((Array.isArray(a) || a === undefined) && (Array.isArray(b) || b === undefined) && [...(a ?? []), ...(b ?? [])].every((x) => typeof x !== 'object')) {
    const before = (a ?? []) as unknown[];
    const after = (b ?? []) as unknown[];
    const added = after.filter((x) => !before.includes(x));
    const removed = before.filter((x) => !after.includes(x));
    const parts = [added.length ? `added ${added.map(show).join(', ')}` : '', removed.length ? `removed ${removed.map(show).join(', ')}` : ''].filter(Boolean);
    out.push({ path, text: `${label(path)}: ${parts.length ? parts.join('; ') : `${show(before)} → ${show(after)}`}`, before: a, after: b });
    return;
  }
  out.push({ path, text: `${label(path)}: ${show(a)} → ${show(b)}`, before: a, after: b });
}

/** Every difference between two policy documents, in words, in document order. */
export function describePolicyChanges(a: unknown, b: unknown): PolicyChange[] {
  const out: PolicyChange[] = [];
  walk(a, b, '', out);
  return out;
}
