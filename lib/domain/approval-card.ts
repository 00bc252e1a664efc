// The shape of an approval card: everything an approver needs to decide on one
// release. Built by lib/server/approvals.ts (getApprovalCard), drawn by
// components/approvals/*. Types only.
import type { GateResult } from './result';

export interface ApprovalPersonRef {
  id: string;
  name: string;
  email: string;
  team: string | null;
}

export interface ApprovalRequirementView {
  id: string;
  key: string;
  description: string;
  role: string | null;
  requiredCount: number;
  distinctTeams: boolean;
  cabOnly: boolean;
  team: string | null;
  /** valid approvals counted for this requirement */
  given: number;
  satisfied: boolean;
  /** who could still approve for it (eligible, not yet decided) */
  eligibleRemaining: ApprovalPersonRef[];
  /** when fewer eligible people remain than approvals missing */
  unmeetable: string | null;
}

export interface ApprovalDecisionView {
  id: string;
  approver: ApprovalPersonRef;
  decision: 'approve' | 'reject';
  comment: string;
  at: string;
  packageDigest: string;
  /** the requirement key it counts for, if any */
  countsFor: string | null;
  expiresAt: string | null;
  state: 'valid' | 'expired' | 'invalidated' | 'superseded';
  /** why it no longer counts: which scope change or seal invalidated it, or when it expired */
  invalidatedReason: string | null;
}

export interface ApprovalCardView {
  releaseKey: string;
  title: string;
  type: string;
  status: string;
  owner: ApprovalPersonRef;
  requester: ApprovalPersonRef;
  version: number;
  policyVersion: number | null;
  packageDigest: string | null;
  riskLevel: string | null;
  riskScore: number | null;
  riskFactors: { name: string; contribution: number; detail: string }[];
  requirements: ApprovalRequirementView[];
  decisions: ApprovalDecisionView[];
  /** may the signed-in person decide now; if not, why (e.g. "You requested this release.") */
  viewerCanDecide: boolean;
  viewerCannotDecideBecause: string | null;
  /** the gates of the approve transition (quorum, digest, expiry, SoD) */
  gates: GateResult[];
  emergency: { required: boolean; confirmBy: string | null; confirmedBy: ApprovalPersonRef | null } | null;
}
