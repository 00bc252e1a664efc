import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { cabAgenda } from '@/lib/server/cab-agenda';
import { now } from '@/lib/server/clock';
import { actorsWith, withFreshDatabase } from '../support/suite';
import { policyDocument, rule, savePolicy, submittedRelease } from './approvals-support';

// The CAB agenda's data (docs/decisions/041-csv-export-and-cab-agenda.md).

let h: DbHandle;
let rm: Actor;
let viewer: Actor;
const DAY = 86_400_000;

withFreshDatabase(async (db) => {
  h = db;
  [rm, viewer] = await actorsWith(db, ['release_manager'], ['viewer']);
  // people who can meet the rules, so the releases can be submitted
  const [, cab] = await actorsWith(db, ['approver'], ['approver']);
  await savePolicy(
    db.prisma,
    policyDocument({
      cab: [cab.email!],
      byRiskLevel: {
        low: [rule('approver')],
        high: [rule('approver'), rule('cab', { cabOnly: true, description: '1 CAB member' })],
      },
    }),
  );
});

const at = (days: number, hour = 9) => {
  const d = new Date(now().getTime() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

describe('cabAgenda', () => {
  it('lists submitted releases awaiting a CAB decision in the period, by planned start, with their summary', async () => {
    const later = await submittedRelease(h.prisma, rm, { level: 'high' });
    const sooner = await submittedRelease(h.prisma, rm, { level: 'high' });
    const noCab = await submittedRelease(h.prisma, rm, { level: 'low' });
    const outside = await submittedRelease(h.prisma, rm, { level: 'high' });
    const plan = (id: string, start: Date) =>
      h.prisma.release.update({ where: { id }, data: { plannedStart: start, plannedEnd: new Date(start.getTime() + 2 * 3_600_000) } });
    await plan(later.id, at(3));
    await plan(sooner.id, at(1));
    await plan(noCab.id, at(2));
    await plan(outside.id, at(20));
    await h.prisma.risk.create({
      data: { releaseId: sooner.id, title: 'Payment queue backlog', likelihood: 2, impact: 3, score: 6, mitigation: 'Drain first' },
    });

    const agenda = await cabAgenda(viewer, {});
    expect(agenda.from).toBe(now().toISOString().slice(0, 10));
    expect(agenda.items.map((i) => i.key)).toEqual([sooner.key, later.key]);
    const first = agenda.items[0]!;
    expect(first.components).toHaveLength(1);
    expect(first.backout).toMatchObject({ expectedDurationMinutes: 15, triggerCriteria: 'Smoke tests fail' });
    expect(first.openRisks).toEqual([{ title: 'Payment queue backlog', score: 6, mitigation: 'Drain first' }]);
    expect(first.requirements.find((r) => r.key === 'cab')).toMatchObject({ cabOnly: true, satisfied: false, given: 0 });
    expect(first.missing.some((m) => m.includes('1 CAB member'))).toBe(true);

    // a period that covers the later one only; a reversed period is put right
    const to = at(20).toISOString().slice(0, 10);
    const wide = await cabAgenda(viewer, { from: to, to: at(2).toISOString().slice(0, 10) });
    expect(wide.note).toMatch(/end first/);
    expect(wide.items.map((i) => i.key)).toEqual([later.key, outside.key]);

    // approved by now or no longer submitted: off the agenda
    await h.prisma.release.update({ where: { id: sooner.id }, data: { status: 'cancelled' } });
    expect((await cabAgenda(viewer, {})).items.map((i) => i.key)).toEqual([later.key]);
  });

  it('caps the period and refuses the signed-out', async () => {
    const long = await cabAgenda(viewer, { from: '2027-01-01', to: '2028-01-01' });
    expect(long.to).toBe('2027-04-02');
    expect(long.note).toMatch(/at most 92 days/);
    await expect(cabAgenda(null, {})).rejects.toMatchObject({ name: 'Refusal', code: 'unauthenticated' });
  });
});
