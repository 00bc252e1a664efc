import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { listHandoverQueue } from '@/lib/server/releases';
import { releaseKey } from '@/lib/domain/release-key';
import { freshDatabase } from '../support/db';
import { makeRelease, makeUser } from '../support/factories';

// Operations' handover queue picks the page's releases first (ids only, soonest planned end,
// then key) and reads only those rows with their relations: the same rows, in the same order,
// as one read that loads every ready release and keeps the first `take`.

let h: DbHandle;
let ops: Actor;
const expected: string[] = [];

beforeAll(async () => {
  h = await freshDatabase();
  ops = (await makeUser(h.prisma, ['operations'])).actor;
  const rm = await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' });
  const base = Date.UTC(2026, 11, 1);
  // planned ends out of creation order, two sharing an end (then by key)
  const ends = [5, 2, 9, 2, 7];
  const ready: { number: number; end: number }[] = [];
  for (const [i, d] of ends.entries()) {
    const r = await makeRelease(h.prisma, { ownerId: rm.id });
    await h.prisma.release.update({
      where: { id: r.id },
      data: { status: 'deployed', plannedStart: new Date(base + (d - 1) * 86_400_000), plannedEnd: new Date(base + d * 86_400_000) },
    });
    await h.prisma.handover.create({ data: { releaseId: r.id, status: 'ready', preparedById: i === 0 ? rm.id : null } });
    ready.push({ number: r.number, end: d });
  }
  expected.push(...ready.sort((a, b) => a.end - b.end || a.number - b.number).map((r) => releaseKey(r.number)));
  // not in the queue: a draft handover, an acknowledged one, a ready handover of a release no longer deployed
  for (const [status, handover] of [
    ['deployed', 'draft'],
    ['handed_over', 'acknowledged'],
    ['in_review', 'ready'],
  ] as const) {
    const r = await makeRelease(h.prisma, { ownerId: rm.id });
    await h.prisma.release.update({ where: { id: r.id }, data: { status, plannedEnd: new Date(base) } });
    await h.prisma.handover.create({ data: { releaseId: r.id, status: handover } });
  }
});

afterAll(async () => {
  await h?.close();
});

describe('the handover queue', () => {
  it('lists every deployed release with a ready handover, soonest planned end first, then by key', async () => {
    const q = await listHandoverQueue(ops);
    expect(q.total).toBe(5);
    expect(q.items.map((i) => i.key)).toEqual(expected);
    const first = q.items.find((i) => i.preparedBy);
    expect(first?.preparedBy).toBe('Rita Manager');
    expect(q.items.every((i) => i.owner.name === 'Rita Manager' && i.status === 'deployed' && i.handoverUpdatedAt)).toBe(true);
  });

  it('keeps the first `take` of that order and still counts them all', async () => {
    const q = await listHandoverQueue(ops, 2);
    expect(q.total).toBe(5);
    expect(q.items.map((i) => i.key)).toEqual(expected.slice(0, 2));
  });
});
