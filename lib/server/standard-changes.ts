import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { parsePolicy, type PolicyDocument, type RiskLevelName } from '@/lib/domain/policy';
import {
  describeVerdict,
  evaluateStandardChange,
  parsePreApproval,
  type PreApprovalRecord,
  type StandardChangeFacts,
  type StandardChangeVerdict,
} from '@/lib/domain/standard-changes';
import { allowsValue } from '@/lib/domain/release-rules';
import { assertCan } from './authz';
import { db, type Tx } from './db';
import { now as clockNow } from './clock';
import { findCurrentPolicy } from './policy-read';
import { refOf, type ReleaseArg } from './release-ref';
import type { Actor } from './actor';
import { localize, sayer } from './say';
import type { Locale } from '@/lib/domain/locale';

const say = sayer('server-standard-changes');

// Standard changes (issue 15 point 5, docs/decisions/045-standard-changes.md): the facts the
// domain's verdict reads, loaded in the caller's transaction, and the pre-approval record kept
// on the release. The approval flow (approvals.ts) asks here when a release is submitted and
// whenever the approval gate is evaluated; risk and scope changes re-check a recorded
// pre-approval (recheckPreApproval in approvals.ts) so it never outlives its limits.

const asLevel = (l: string | null): RiskLevelName | null => (l === 'low' || l === 'medium' || l === 'high' || l === 'critical' ? l : null);

/** What the verdict reads about a release: its template, package components and size, risk level. */
export async function standardChangeFacts(tx: Tx, releaseId: string): Promise<StandardChangeFacts> {
  const r = await tx.release.findUniqueOrThrow({
    where: { id: releaseId },
    select: {
      riskLevel: true,
      templateVersion: { select: { version: true, template: { select: { name: true } } } },
      package: { select: { items: { select: { component: { select: { name: true } } } } } },
    },
  });
  const items = r.package?.items ?? [];
  return {
    template: r.templateVersion ? { name: r.templateVersion.template.name, version: r.templateVersion.version } : null,
    components: items.map((i) => i.component.name),
    riskLevel: asLevel(r.riskLevel),
    packageItems: items.length,
  };
}

export interface StandardChangeView {
  verdict: StandardChangeVerdict;
  facts: StandardChangeFacts;
  /** the sentence the release page and the approval card show (null: not a standard-change template) */
  note: string | null;
}

/** The verdict under a given policy version. */
export async function standardChangeView(tx: Tx, releaseId: string, policy: { version: number; document: PolicyDocument }): Promise<StandardChangeView> {
  const facts = await standardChangeFacts(tx, releaseId);
  const verdict = evaluateStandardChange(policy.document, policy.version, facts);
  return { verdict, facts, note: describeVerdict(verdict, facts.template) };
}

/** The policy version a submitted release was decided under (its document parsed), or null. */
export async function policyOfRelease(tx: Tx, policyVersionId: string | null): Promise<{ id: string; version: number; document: PolicyDocument } | null> {
  if (!policyVersionId) return null;
  const row = await tx.policyVersion.findUnique({ where: { id: policyVersionId }, select: { id: true, version: true, document: true } });
  if (!row) return null;
  const parsed = parsePolicy(row.document);
  return parsed.ok ? { id: row.id, version: row.version, document: parsed.policy } : null;
}

/** The pre-approval to record on a release within its limits. */
export function preApprovalRecord(policy: { id: string; version: number }, view: StandardChangeView): PreApprovalRecord | null {
  if (view.verdict.kind !== 'within' || !view.facts.template) return null;
  const rule = view.verdict.rule;
  return {
    policyVersion: policy.version,
    policyVersionId: policy.id,
    templateName: view.facts.template.name,
    templateVersion: view.facts.template.version,
    decision: view.verdict.decision,
    limits: { components: rule.components, maxRiskLevel: rule.maxRiskLevel, maxPackageItems: rule.maxPackageItems },
    at: clockNow().toISOString(),
  };
}

/** Stores (or clears) the pre-approval record on the release. */
export async function storePreApproval(tx: Tx, releaseId: string, record: PreApprovalRecord | null) {
  await tx.release.update({
    where: { id: releaseId },
    data: record
      ? { preApproval: record as unknown as Prisma.InputJsonValue, preApprovedAt: new Date(record.at) }
      : { preApproval: Prisma.DbNull, preApprovedAt: null },
  });
}

/** The stored record of a release (null when none). */
export async function storedPreApproval(tx: Tx, releaseId: string): Promise<PreApprovalRecord | null> {
  const r = await tx.release.findUnique({ where: { id: releaseId }, select: { preApproval: true } });
  return parsePreApproval(r?.preApproval ?? null);
}

// ---------------------------------------------------------------- read

export interface StandardChangeStatus {
  /** the template the release started from */
  template: { id: string; name: string; version: number } | null;
  /** the recorded decision, while it holds */
  preApproved: { decision: string; at: string; limits: PreApprovalRecord['limits'] } | null;
  /** why the release is not (or no longer) pre-approved, when its template is a standard change */
  notPreApproved: string | null;
  /** a draft within the limits: what submitting it will decide */
  wouldBePreApproved?: string | null;
}

/** The status with its sentences in the reader's language, for a page that shows them (the API keeps English). */
export function localizeStandardChange(s: StandardChangeStatus | null, locale: Locale): StandardChangeStatus | null {
  if (!s || locale === 'en') return s;
  return {
    ...s,
    notPreApproved: s.notPreApproved === null ? null : localize(s.notPreApproved, locale),
    ...(s.wouldBePreApproved ? { wouldBePreApproved: localize(s.wouldBePreApproved, locale) } : {}),
  };
}

/**
 * What the release page and the approval card say about the standard-change path. Before
 * submitting the current policy is asked (what would happen); afterwards the policy version
 * the release was submitted under, and a recorded pre-approval counts only while it holds.
 */
export async function getStandardChangeStatus(actor: Actor | null, release: ReleaseArg): Promise<StandardChangeStatus | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  return prisma.$transaction(async (tx) => {
    const r = await tx.release.findUnique({
      where: { id: ref.id },
      select: {
        status: true,
        policyVersionId: true,
        preApproval: true,
        preApprovedAt: true,
        templateVersion: { select: { version: true, template: { select: { id: true, name: true } } } },
      },
    });
    if (!r) return null;
    const template = r.templateVersion
      ? { id: r.templateVersion.template.id, name: r.templateVersion.template.name, version: r.templateVersion.version }
      : null;
    const pre = parsePreApproval(r.preApproval);
    if (pre) {
      const under = await policyOfRelease(tx, pre.policyVersionId);
      const view = under ? await standardChangeView(tx, ref.id, under) : null;
      if (view?.verdict.kind === 'within') return { template, preApproved: { decision: pre.decision, at: pre.at, limits: pre.limits }, notPreApproved: null };
      return { template, preApproved: null, notPreApproved: view?.note ?? say('policyUnreadable', { version: pre.policyVersion }) };
    }
    if (!template) return { template, preApproved: null, notPreApproved: null };
    const policy = allowsValue(r.status, 'followPolicy') ? await findCurrentPolicy(tx).catch(() => null) : await policyOfRelease(tx, r.policyVersionId);
    if (!policy) return { template, preApproved: null, notPreApproved: null };
    const view = await standardChangeView(tx, ref.id, policy);
    if (view.verdict.kind === 'exceeded') return { template, preApproved: null, notPreApproved: view.note };
    if (view.verdict.kind === 'within' && allowsValue(r.status, 'followPolicy')) {
      // not decided yet: say what submitting it would do
      return { template, preApproved: null, notPreApproved: null, wouldBePreApproved: say('decidedOnSubmit', { note: { said: String(view.note) } }) };
    }
    return { template, preApproved: null, notPreApproved: null };
  });
}
