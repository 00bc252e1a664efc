import { describe, expect, it } from 'vitest';
import { ActionItemStatus, DeploymentStatus, ReleaseStatus as PrismaReleaseStatus, RiskStatus } from '@/lib/generated/prisma/enums';
import {
  ACTION_ITEM_STATUS_LABELS,
  ACTION_ITEM_STATUSES,
  DEPLOYMENT_STATUSES,
  deploymentMoves,
  RISK_STATUS_LABELS,
  RISK_STATUSES,
} from '@/lib/domain/statuses';
import { RELEASE_STATUSES, STATUS_LABELS, STATUS_WORDS, type ReleaseStatus } from '@/lib/domain/lifecycle';
import {
  allows,
  allowsValue,
  isFinished,
  refusalFor,
  RELEASE_RULES,
  statusesAllowing,
  windowAhead,
  windowsConflict,
  type ReleaseRule,
} from '@/lib/domain/release-rules';

// The table, pinned: one row per status, one column per rule (x = allowed).
// Changing who may do what is a deliberate edit of lib/domain/release-rules.ts
// AND of this grid.
const COLUMNS: readonly ReleaseRule[] = [
  'editDetails',
  'editPackage',
  'requestScopeChange',
  'planWindows',
  'occupyWindow',
  'editRisks',
  'editPlan',
  'editBackoutPlan',
  'backOut',
  'prepareHandover',
  'editReview',
  'addActionItems',
  'decideApprovals',
  'deploy',
  'requestFreezeOverride',
  'followPolicy',
  'finished',
];
//                     det pkg scp win occ rsk pln bop bko hnd rev act apr dep frz pol fin
const GRID: Record<ReleaseStatus, string> = {
  draft: '  x   x   x   x   .   x   x   x   .   .   .   .   .   .   x   x   .',
  submitted: '  .   .   x   x   .   x   x   x   .   .   .   .   x   .   x   .   .',
  approved: '  .   .   x   x   x   x   x   x   .   x   .   .   .   .   x   .   .',
  scheduled: '  .   .   x   x   x   x   x   x   .   x   .   .   .   x   x   .   .',
  deploying: '  .   .   .   .   x   x   x   x   x   x   .   .   .   x   x   .   .',
  deployed: '  .   .   .   .   .   x   x   x   x   x   x   x   .   .   x   .   .',
  handed_over: '  .   .   .   .   .   x   x   .   .   .   x   x   .   .   x   .   .',
  in_review: '  .   .   .   .   .   x   x   .   .   .   x   x   .   .   x   .   .',
  closed: '  .   .   .   .   .   .   .   .   .   .   .   x   .   .   .   .   x',
  rejected: '  x   x   x   x   .   x   x   x   .   .   .   .   .   .   x   x   .',
  cancelled: '  .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   x',
  rolled_back: '  .   .   .   .   .   x   x   .   .   .   x   x   .   .   x   .   .',
};

const expected = (status: ReleaseStatus, rule: ReleaseRule) => GRID[status].trim().split(/\s+/)[COLUMNS.indexOf(rule)] === 'x';

describe('release rules: one table for "which status allows what"', () => {
  it('the grid covers every status and every rule', () => {
    expect([...COLUMNS].sort()).toEqual([...RELEASE_RULES].sort());
    expect(Object.keys(GRID).sort()).toEqual([...RELEASE_STATUSES].sort());
    for (const s of RELEASE_STATUSES) expect(GRID[s].trim().split(/\s+/)).toHaveLength(COLUMNS.length);
  });

  for (const status of RELEASE_STATUSES) {
    it(`${status}: allows exactly its row`, () => {
      for (const rule of RELEASE_RULES) expect({ rule, allowed: allows(status, rule) }).toEqual({ rule, allowed: expected(status, rule) });
    });
  }

  it('statusesAllowing lists the same statuses, in lifecycle order', () => {
    for (const rule of RELEASE_RULES) {
      expect(statusesAllowing(rule)).toEqual(RELEASE_STATUSES.filter((s) => expected(s, rule)));
    }
    expect(statusesAllowing('editPackage')).toEqual(['draft', 'rejected']);
    expect(statusesAllowing('occupyWindow')).toEqual(['approved', 'scheduled', 'deploying']);
    expect(statusesAllowing('finished')).toEqual(['closed', 'cancelled']);
  });

  it('holds the invariants the rules were written with', () => {
    for (const s of RELEASE_STATUSES) {
      // a finished release changes nothing but its follow-up action items
      if (isFinished(s)) expect(RELEASE_RULES.filter((r) => r !== 'finished' && r !== 'addActionItems' && allows(s, r))).toEqual([]);
      // risks, plan and freeze overrides stay open until the release is finished
      for (const r of ['editRisks', 'editPlan', 'requestFreezeOverride'] as const) expect(allows(s, r)).toBe(!isFinished(s));
      // the package is edited directly exactly where the details are; scope changes cover at least those
      expect(allows(s, 'editPackage')).toBe(allows(s, 'editDetails'));
      if (allows(s, 'editPackage')) expect(allows(s, 'requestScopeChange')).toBe(true);
      // what follows the policy is what has not been submitted: the editable statuses
      expect(allows(s, 'followPolicy')).toBe(allows(s, 'editDetails'));
      // deployable releases occupy their windows
      if (allows(s, 'deploy')) expect(allows(s, 'occupyWindow')).toBe(true);
    }
  });

  it('allowsValue: a plain string, unknown values allow nothing', () => {
    expect(allowsValue('submitted', 'decideApprovals')).toBe(true);
    expect(allowsValue('approved', 'decideApprovals')).toBe(false);
    expect(allowsValue('nonsense', 'finished')).toBe(false);
  });

  it('refusalFor: one sentence naming the status and where the rule applies', () => {
    expect(refusalFor('REL-3', 'deployed', 'editPackage')).toBe(
      'REL-3 is deployed: its package can be edited directly only while the release is draft or rejected.',
    );
    expect(refusalFor('REL-4', 'handed_over', 'planWindows')).toBe(
      'REL-4 is handed over: its windows can change only while the release is draft, submitted, approved, scheduled or rejected.',
    );
    expect(refusalFor('REL-5', 'closed', 'editBackoutPlan')).toContain(
      'only while the release is draft, submitted, approved, scheduled, deploying, deployed or rejected.',
    );
  });

  it('conflicting windows: one side occupies its window, the other is still ahead (calendar and scheduling agree)', () => {
    // exhaustive over every pair of statuses
    for (const a of RELEASE_STATUSES) {
      for (const b of RELEASE_STATUSES) {
        // the schedule check of `mine` reports `other` exactly when other occupies its window
        const reported = (mine: ReleaseStatus, other: ReleaseStatus) => windowAhead(mine) && allows(other, 'occupyWindow');
        expect({ a, b, conflict: windowsConflict(a, b) }).toEqual({ a, b, conflict: reported(a, b) || reported(b, a) });
        expect(windowsConflict(a, b)).toBe(windowsConflict(b, a));
      }
    }
    expect(windowsConflict('draft', 'approved')).toBe(true);
    expect(windowsConflict('draft', 'submitted')).toBe(false);
    expect(windowsConflict('scheduled', 'deploying')).toBe(true);
    expect(windowsConflict('deployed', 'approved')).toBe(false);
    expect(windowsConflict('cancelled', 'scheduled')).toBe(false);
  });
});

describe('the release status list and its labels are defined once', () => {
  it('the domain list is exactly the database enum, in the same order', () => {
    expect([...RELEASE_STATUSES]).toEqual(Object.values(PrismaReleaseStatus));
  });

  it('the risk and action item status lists are exactly their database enums, each with a label', () => {
    expect([...RISK_STATUSES]).toEqual(Object.values(RiskStatus));
    expect([...ACTION_ITEM_STATUSES]).toEqual(Object.values(ActionItemStatus));
    expect(Object.keys(RISK_STATUS_LABELS)).toEqual([...RISK_STATUSES]);
    expect(Object.keys(ACTION_ITEM_STATUS_LABELS)).toEqual([...ACTION_ITEM_STATUSES]);
    expect([...DEPLOYMENT_STATUSES]).toEqual(Object.values(DeploymentStatus));
  });

  it('deployment moves: scheduled → in progress → succeeded, failed from either; finished ones are final', () => {
    expect(Object.fromEntries(DEPLOYMENT_STATUSES.map((s) => [s, deploymentMoves(s)]))).toEqual({
      scheduled: ['in_progress', 'failed'],
      in_progress: ['succeeded', 'failed'],
      succeeded: [],
      failed: [],
      rolled_back: [],
    });
    expect(deploymentMoves('nonsense')).toEqual([]);
  });

  it('every status has words and a label', () => {
    for (const s of RELEASE_STATUSES) {
      expect(STATUS_WORDS[s]).toMatch(/^[a-z ]+$/);
      expect(STATUS_LABELS[s]).toBe(STATUS_WORDS[s][0]!.toUpperCase() + STATUS_WORDS[s].slice(1));
    }
    expect(STATUS_LABELS.handed_over).toBe('Handed over');
  });
});
