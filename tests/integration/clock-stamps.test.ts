import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_STAMPS, type DbHandle } from '@/lib/server/db';
import { freshDatabase } from '../support/db';
import { makeTeam, makeUser, uid } from '../support/factories';
import { INSTANTS, resetClock, setClock } from '../support/clock';

// Writes take their timestamps from lib/server/clock, not from Prisma's or the
// database's wall clock (the client extension in lib/server/db.ts).

let h: DbHandle;

beforeAll(async () => {
  h = await freshDatabase();
});

afterAll(async () => {
  resetClock();
  await h?.close();
});

/** Per model, the DateTime columns schema.prisma stamps on create (`@default(now())`, `@updatedAt`) and on update (`@updatedAt`). */
function stampsInSchema(): Record<string, { create: string[]; update: string[] }> {
  const schema = fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'prisma', 'schema.prisma'), 'utf8');
  const out: Record<string, { create: string[]; update: string[] }> = {};
  for (const m of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const create: string[] = [];
    const update: string[] = [];
    for (const line of m[2]!.split('\n')) {
      const [field, type] = line.trim().split(/\s+/);
      if (!field || !type?.startsWith('DateTime')) continue;
      if (line.includes('@default(now())') || line.includes('@updatedAt')) create.push(field);
      if (line.includes('@updatedAt')) update.push(field);
    }
    if (create.length) out[m[1]!] = { create, update };
  }
  return out;
}

it('knows every column the schema stamps with the time of a write', () => {
  expect(Object.keys(stampsInSchema()).length).toBeGreaterThan(20);
  expect(CLOCK_STAMPS).toEqual(stampsInSchema());
});

describe('with the clock set', () => {
  const at = new Date(INSTANTS.fridayEvening);
  const later = new Date(at.getTime() + 3_600_000);

  it('stamps create, update, upsert and createMany with the clock, outside and inside a transaction', async () => {
    setClock({ at, frozen: true });
    const team = await makeTeam(h.prisma);
    expect(team).toMatchObject({ createdAt: at, updatedAt: at });
    const inTx = await h.prisma.$transaction(async (tx) => tx.team.create({ data: { slug: `t-${uid()}`, name: `Team ${uid()}` } }));
    expect(inTx).toMatchObject({ createdAt: at, updatedAt: at });

    setClock({ at: later, frozen: true });
    expect(await h.prisma.team.update({ where: { id: team.id }, data: { description: 'changed' } })).toMatchObject({ createdAt: at, updatedAt: later });
    const viaTx = await h.prisma.$transaction(async (tx) => {
      await tx.team.updateMany({ where: { id: inTx.id }, data: { description: 'changed' } });
      return tx.team.findUniqueOrThrow({ where: { id: inTx.id } });
    });
    expect(viaTx).toMatchObject({ createdAt: at, updatedAt: later });

    const slug = `u-${uid()}`;
    const created = await h.prisma.team.upsert({ where: { slug }, create: { slug, name: `Team ${uid()}` }, update: {} });
    expect(created).toMatchObject({ createdAt: later, updatedAt: later });

    const user = await makeUser(h.prisma, ['viewer']);
    await h.prisma.notification.createMany({
      data: [
        { userId: user.id, kind: 'test', title: 'One', body: '', link: '/' },
        { userId: user.id, kind: 'test', title: 'Two', body: '', link: '/' },
      ],
    });
    const notes = await h.prisma.notification.findMany({ where: { userId: user.id } });
    expect(notes.map((n) => n.createdAt)).toEqual([later, later]);
  });

  it('keeps a time the caller gave', async () => {
    setClock({ at, frozen: true });
    const given = new Date('2020-02-02T02:02:02Z');
    expect(await h.prisma.team.create({ data: { slug: `t-${uid()}`, name: `Team ${uid()}`, createdAt: given } })).toMatchObject({
      createdAt: given,
      updatedAt: at,
    });
  });
});
