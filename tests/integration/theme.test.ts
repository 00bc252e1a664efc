import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { setMyTheme } from '@/lib/server/theme';
import { SYSTEM_ACTOR } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeUser } from '../support/factories';

// A person's light or dark choice (docs/decisions/056-light-and-dark.md): stored on the User,
// audited, and "system" stored as no choice.

let h: DbHandle;
beforeAll(async () => {
  h = await freshDatabase();
});
afterAll(async () => {
  await h?.close();
});

const themeOf = async (id: string) => (await h.prisma.user.findUniqueOrThrow({ where: { id }, select: { theme: true } })).theme;
const eventsOf = (id: string) => h.prisma.auditEvent.findMany({ where: { action: 'profile.set_theme', targetId: id }, orderBy: { seq: 'asc' } });

describe('setMyTheme', () => {
  it('stores the choice for the person, audited with before and after; System is no choice', async () => {
    const u = await makeUser(h.prisma, ['viewer']);
    expect(await themeOf(u.id)).toBeNull();
    expect(await setMyTheme.as(u.actor)({ theme: 'dark' })).toEqual({ ok: true, data: { theme: 'dark' } });
    expect(await themeOf(u.id)).toBe('dark');
    expect(await setMyTheme.as(u.actor)({ theme: 'system' })).toEqual({ ok: true, data: { theme: 'system' } });
    expect(await themeOf(u.id)).toBeNull();
    const events = await eventsOf(u.id);
    expect(events.map((e) => [e.before, e.after, e.actorId])).toEqual([
      [{ theme: 'system' }, { theme: 'dark' }, u.id],
      [{ theme: 'dark' }, { theme: 'system' }, u.id],
    ]);
  });

  it('writes nothing when the choice is unchanged', async () => {
    const u = await makeUser(h.prisma, ['approver']);
    expect(await setMyTheme.as(u.actor)({ theme: 'light' })).toMatchObject({ ok: true });
    expect(await setMyTheme.as(u.actor)({ theme: 'light' })).toMatchObject({ ok: true, data: { theme: 'light' } });
    expect(await eventsOf(u.id)).toHaveLength(1);
  });

  it('refuses an unknown theme beside its field, and anyone who is not a person', async () => {
    const u = await makeUser(h.prisma, ['operations']);
    expect(await setMyTheme.as(u.actor)({ theme: 'purple' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { theme: [expect.any(String)] } });
    expect(await themeOf(u.id)).toBeNull();
    expect(await setMyTheme.as({ ...SYSTEM_ACTOR, roles: ['viewer'] })({ theme: 'dark' })).toMatchObject({ ok: false });
  });

  it('keeps the column to the known values (CHECK), whatever writes it', async () => {
    const u = await makeUser(h.prisma, ['viewer']);
    await expect(h.prisma.user.update({ where: { id: u.id }, data: { theme: 'sepia' } })).rejects.toThrow();
  });
});
