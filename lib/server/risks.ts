import 'server-only';
import { managedByKey, managedByRow } from './release-managers';
import { z } from 'zod';
import type { RiskStatus } from '@/lib/generated/prisma/enums';
import { allows as statusAllows } from '@/lib/domain/release-rules';
import { RISK_STATUSES } from '@/lib/domain/statuses';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { db, type Tx } from './db';
import { releaseOfChild, checkActiveOwner } from './release-children';
import { releaseForWrite, touchRelease } from './release-edits';
import { refOf, type ReleaseArg, releaseKey } from './release-ref';
import { recomputeRiskLevel } from './risk-level';
import { recheckPreApproval } from './approvals';
import type { Actor } from './actor';
import { now } from './clock';
import { sayer } from './say';

const say = sayer('server-risks');

// The risk register of a release. The server computes score = likelihood ×
// impact (the database CHECK insists on it). Every risk write counts as an
// assessment (Release.risksAssessedAt) and bumps the release's version.

const level = (what: 'likelihood' | 'impact') => {
  const message = say(`field.${what}`);
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.number({ error: message }).int(message).min(1, message).max(5, message),
  );
};

const RiskFields = z.object({
  title: z
    .string({ error: say('field.title') })
    .trim()
    .min(3, say('field.titleMin', { min: 3 }))
    .max(200, say('field.titleMax', { max: 200 })),
  description: z
    .string()
    .trim()
    .max(5_000, say('field.descriptionMax', { max: 5000 }))
    .default(''),
  likelihood: level('likelihood'),
  impact: level('impact'),
  mitigation: z
    .string()
    .trim()
    .max(5_000, say('field.mitigationMax', { max: 5000 }))
    .default(''),
  ownerId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || null),
  status: z.enum(RISK_STATUSES, { error: say('field.status') }).default('open'),
});

export const AddRiskSchema = RiskFields.extend({ releaseKey: z.string().trim().max(20) });
export const UpdateRiskSchema = RiskFields.extend({ riskId: z.string().trim().min(1).max(64) });
export const RemoveRiskSchema = z.object({ riskId: z.string().trim().min(1).max(64) });

const checkOwner = (tx: Tx, ownerId: string | null) => checkActiveOwner(tx, ownerId, say('activeOwner'));

async function riskForWrite(tx: Tx, riskId: string) {
  const found = await tx.risk.findUnique({ where: { id: riskId }, include: { release: { select: { number: true } } } });
  const { child: risk, release } = await releaseOfChild(tx, found, say('thatRisk'), 'editRisks');
  return { risk, release };
}

const snapshot = (r: {
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  score: number;
  mitigation: string;
  ownerId: string | null;
  status: string;
}) => ({
  title: r.title,
  description: r.description,
  likelihood: r.likelihood,
  impact: r.impact,
  score: r.score,
  mitigation: r.mitigation,
  ownerId: r.ownerId,
  status: r.status,
});

export const addRisk = defineMutation({
  name: 'risk.add',
  permission: 'risk.edit',
  input: AddRiskSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const release = await releaseForWrite(tx, input.releaseKey, { rule: 'editRisks' });
    await checkOwner(tx, input.ownerId);
    const { releaseKey: _k, ...fields } = input;
    const risk = await tx.risk.create({ data: { ...fields, releaseId: release.id, score: input.likelihood * input.impact } });
    // a recorded risk replaces any "no known risks" statement
    await touchRelease(tx, actor, release.id, { risksAssessedAt: now(), noKnownRisks: false });
    await recomputeRiskLevel(tx, release.id);
    await recheckPreApproval(tx, actor, audit, release.id);
    await audit({ action: 'risk.add', targetType: 'risk', targetId: risk.id, releaseId: release.id, after: snapshot(risk) });
    return { id: risk.id, score: risk.score };
  },
});

export const updateRisk = defineMutation({
  name: 'risk.update',
  permission: 'risk.edit',
  input: UpdateRiskSchema,
  release: managedByRow('risk', 'riskId'),
  async run({ tx, actor, input, audit }) {
    const { risk, release } = await riskForWrite(tx, input.riskId);
    await checkOwner(tx, input.ownerId);
    const { riskId, ...fields } = input;
    const updated = await tx.risk.update({ where: { id: riskId }, data: { ...fields, score: input.likelihood * input.impact } });
    await touchRelease(tx, actor, release.id, { risksAssessedAt: now() });
    await recomputeRiskLevel(tx, release.id);
    await recheckPreApproval(tx, actor, audit, release.id);
    await audit({ action: 'risk.update', targetType: 'risk', targetId: risk.id, releaseId: release.id, before: snapshot(risk), after: snapshot(updated) });
    return { id: risk.id, score: updated.score };
  },
});

export const removeRisk = defineMutation({
  name: 'risk.remove',
  permission: 'risk.edit',
  input: RemoveRiskSchema,
  release: managedByRow('risk', 'riskId'),
  async run({ tx, actor, input, audit }) {
    const { risk, release } = await riskForWrite(tx, input.riskId);
    await tx.risk.delete({ where: { id: risk.id } });
    await touchRelease(tx, actor, release.id, { risksAssessedAt: now() });
    await recomputeRiskLevel(tx, release.id);
    await recheckPreApproval(tx, actor, audit, release.id);
    await audit({ action: 'risk.remove', targetType: 'risk', targetId: risk.id, releaseId: release.id, before: snapshot(risk) });
    return { id: risk.id };
  },
});

// ---------------------------------------------------------------- reads

export interface RiskDto {
  id: string;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  score: number;
  mitigation: string;
  ownerId: string | null;
  owner: string | null;
  status: RiskStatus;
}

export interface RiskRegisterDto {
  releaseKey: string;
  releaseVersion: number;
  finished: boolean;
  noKnownRisks: boolean;
  risksAssessedAt: string | null;
  risks: RiskDto[];
  /** heatMap[likelihood - 1][impact - 1] = number of risks that are not closed */
  heatMap: number[][];
  openCount: number;
  /** active users, for the owner choice */
  users: { id: string; name: string }[];
}

/** Counts of not-closed risks per cell, indexed [likelihood - 1][impact - 1]. */
export function heatMapCounts(risks: { likelihood: number; impact: number; status: string }[]): number[][] {
  const grid = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0));
  for (const r of risks) {
    if (r.status === 'closed') continue;
    if (r.likelihood < 1 || r.likelihood > 5 || r.impact < 1 || r.impact > 5) continue;
    grid[r.likelihood - 1]![r.impact - 1]!++;
  }
  return grid;
}

export async function listRisks(actor: Actor | null, release: ReleaseArg): Promise<RiskRegisterDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const row = await prisma.release.findUnique({
    where: { id: ref.id },
    include: { risks: { include: { owner: { select: { name: true } } }, orderBy: [{ score: 'desc' }, { createdAt: 'asc' }] } },
  });
  if (!row) return null;
  const risks: RiskDto[] = row.risks.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    likelihood: r.likelihood,
    impact: r.impact,
    score: r.score,
    mitigation: r.mitigation,
    ownerId: r.ownerId,
    owner: r.owner?.name ?? null,
    status: r.status,
  }));
  return {
    releaseKey: releaseKey(row.number),
    releaseVersion: row.version,
    finished: !statusAllows(row.status, 'editRisks'),
    noKnownRisks: row.noKnownRisks,
    risksAssessedAt: row.risksAssessedAt?.toISOString() ?? null,
    risks,
    heatMap: heatMapCounts(risks),
    openCount: risks.filter((r) => r.status === 'open').length,
    users: await prisma.user.findMany({ where: { disabledAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 1000 }),
  };
}

/** What the lifecycle gates need to know about a release's risks. */
export async function riskFacts(tx: Tx, releaseId: string): Promise<{ riskCount: number; openRisks: number; noKnownRisks: boolean; assessed: boolean }> {
  // one query at a time: a transaction runs on one connection
  const release = await tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: { noKnownRisks: true } });
  const riskCount = await tx.risk.count({ where: { releaseId } });
  const openRisks = await tx.risk.count({ where: { releaseId, status: 'open' } });
  return {
    riskCount,
    openRisks,
    noKnownRisks: release.noKnownRisks,
    // a register with at least one risk, or the explicit statement, counts as assessed
    assessed: release.noKnownRisks || riskCount > 0,
  };
}
