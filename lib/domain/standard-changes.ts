import type { PolicyDocument, StandardChangeRule } from './policy';
import { RISK_LEVELS, type RiskLevelName } from './policy-names';
import { templateLabel } from './templates';

// Standard changes (docs/decisions/045-standard-changes.md): the policy may mark release
// templates as pre-approved, within limits (allowed components, highest risk level, largest
// package). A release created from such a template that stays within them passes the
// approval gate with a recorded decision instead of an approval round; leaving any limit
// brings the normal approval rules back, and the verdict says which limit. Pure: no I/O.

export interface StandardChangeFacts {
  /** the template (name and version) the release was created from; null: none */
  template: { name: string; version: number } | null;
  /** component names in its package */
  components: readonly string[];
  riskLevel: RiskLevelName | null;
  /** builds in its package */
  packageItems: number;
}

export type StandardChangeVerdict =
  /** not from a template the policy pre-approves: the normal rules apply, nothing to explain */
  | { kind: 'none' }
  /** from a pre-approved template and within every limit */
  | { kind: 'within'; rule: StandardChangeRule; decision: string }
  /** from a pre-approved template but outside a limit: the normal rules apply, for these reasons */
  | { kind: 'exceeded'; rule: StandardChangeRule; reasons: string[] };

/** The policy's standard-change rule for a template name (names compare case-insensitively). */
export function standardChangeRuleFor(policy: PolicyDocument, templateName: string): StandardChangeRule | null {
  const name = templateName.trim().toLowerCase();
  return policy.standardChanges.find((r) => r.template.trim().toLowerCase() === name) ?? null;
}

/** "Pre-approved by policy version 4, template Standard web deploy v2" */
export function preApprovalDecision(policyVersion: number, template: { name: string; version: number }): string {
  return `Pre-approved by policy version ${policyVersion}, template ${templateLabel(template.name, template.version)}`;
}

const rank = (l: RiskLevelName) => RISK_LEVELS.indexOf(l);

/** Which limits the release exceeds, in words (empty: within every limit). */
export function exceededLimits(rule: StandardChangeRule, facts: StandardChangeFacts): string[] {
  const reasons: string[] = [];
  const allowed = new Set(rule.components);
  const outside = [...new Set(facts.components)].filter((c) => !allowed.has(c)).sort();
  if (outside.length) {
    reasons.push(
      `component${outside.length === 1 ? '' : 's'} ${outside.slice(0, 5).join(', ')}${outside.length > 5 ? ` and ${outside.length - 5} more` : ''} ` +
        `${outside.length === 1 ? 'is' : 'are'} not in the allowed list (${rule.components.slice(0, 10).join(', ')})`,
    );
  }
  if (facts.riskLevel === null) reasons.push(`the risk level is not assessed yet (at most ${rule.maxRiskLevel} is pre-approved)`);
  else if (rank(facts.riskLevel) > rank(rule.maxRiskLevel))
    reasons.push(`the risk level is ${facts.riskLevel}, above the highest pre-approved level (${rule.maxRiskLevel})`);
  if (facts.packageItems > rule.maxPackageItems) {
    reasons.push(`the package holds ${facts.packageItems} builds, more than the ${rule.maxPackageItems} pre-approved`);
  }
  return reasons;
}

/** The verdict for a release under a policy (version `policyVersion`). */
export function evaluateStandardChange(policy: PolicyDocument, policyVersion: number, facts: StandardChangeFacts): StandardChangeVerdict {
  if (!facts.template) return { kind: 'none' };
  const rule = standardChangeRuleFor(policy, facts.template.name);
  if (!rule) return { kind: 'none' };
  const reasons = exceededLimits(rule, facts);
  if (reasons.length) return { kind: 'exceeded', rule, reasons };
  return { kind: 'within', rule, decision: preApprovalDecision(policyVersion, facts.template) };
}

/** What the release page and the approval card say about a verdict (null: nothing to say). */
export function describeVerdict(v: StandardChangeVerdict, template: { name: string; version: number } | null): string | null {
  if (v.kind === 'none') return null;
  const label = template ? templateLabel(template.name, template.version) : 'its template';
  if (v.kind === 'within') return `${v.decision}: a standard change within its limits, so no approval round is needed.`;
  return `Not pre-approved: ${label} is a standard change, but ${v.reasons.join('; ')}. The normal approval rules apply.`;
}

/** The record stored on the release when it is pre-approved (Release.preApproval). */
export interface PreApprovalRecord {
  policyVersion: number;
  policyVersionId: string;
  templateName: string;
  templateVersion: number;
  decision: string;
  limits: { components: string[]; maxRiskLevel: RiskLevelName; maxPackageItems: number };
  at: string;
}

/** A stored record, or null when it is absent or not one (never trusted blindly). */
export function parsePreApproval(raw: unknown): PreApprovalRecord | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Partial<PreApprovalRecord>;
  if (typeof r.decision !== 'string' || typeof r.policyVersion !== 'number' || typeof r.templateName !== 'string' || typeof r.templateVersion !== 'number')
    return null;
  return r as PreApprovalRecord;
}
