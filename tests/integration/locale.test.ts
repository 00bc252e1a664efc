import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '@/lib/server/audit';
import type { DbHandle } from '@/lib/server/db';
import { demoAccounts } from '@/lib/server/demo-accounts';
import { myLocale, setMyLocale } from '@/lib/server/locale';
import { SYSTEM_ACTOR } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeUser } from '../support/factories';

// A person's language (docs/decisions/057-english-and-french.md): set on Profile through an
// audited mutation, held to the languages Relm speaks by the database too; and the sign-in
// page's demo accounts, listed only where the demo organisation was seeded.

let h: DbHandle;
beforeAll(async () => {
  h = await freshDatabase();
});
afterAll(async () => {
  await h?.close();
});

describe('profile.set_locale', () => {
  it('sets, keeps and clears the person’s language, auditing each change', async () => {
    const viewer = await makeUser(h.prisma, ['viewer']);
    expect(await myLocale(viewer.actor)).toBeNull();

    expect(await setMyLocale.as(viewer.actor)({ locale: 'fr' })).toEqual({ ok: true, data: { locale: 'fr' } });
    expect(await myLocale(viewer.actor)).toBe('fr');
    const events = () => h.prisma.auditEvent.findMany({ where: { action: 'profile.set_locale', targetId: viewer.id }, orderBy: { seq: 'asc' } });
    expect((await events()).map((e) => [e.before, e.after])).toEqual([[{ locale: null }, { locale: 'fr' }]]);

    // the same choice again changes nothing and records nothing
    expect(await setMyLocale.as(viewer.actor)({ locale: 'fr' })).toEqual({ ok: true, data: { locale: 'fr' } });
    expect(await events()).toHaveLength(1);

    // '' gives the choice back to the browser
    expect(await setMyLocale.as(viewer.actor)({ locale: '' })).toEqual({ ok: true, data: { locale: null } });
    expect(await myLocale(viewer.actor)).toBeNull();
    expect((await events()).map((e) => e.after)).toEqual([{ locale: 'fr' }, { locale: null }]);
  });

  it('refuses a language Relm does not speak, beside the field, and the database refuses it too', async () => {
    const rm = await makeUser(h.prisma, ['release_manager']);
    const res = await setMyLocale.as(rm.actor)({ locale: 'de' });
    expect(res).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { locale: ['Choose English or Français.'] } });
    expect(await myLocale(rm.actor)).toBeNull();
    await expect(h.prisma.user.update({ where: { id: rm.id }, data: { locale: 'de' } })).rejects.toThrow(/User_locale_check|check constraint/i);
  });

  it('refuses someone signed out', async () => {
    expect(await setMyLocale.as(null)({ locale: 'fr' })).toMatchObject({ ok: false, code: 'unauthenticated' });
  });
});

describe('demo accounts on the sign-in page', () => {
  it('are none until the demo organisation was seeded, then those still there and enabled, in the seed’s order', async () => {
    await makeUser(h.prisma, ['viewer'], { email: 'viewer@relm.test', disabled: true });
    await makeUser(h.prisma, ['operations', 'approver'], { email: 'ops2@relm.test' });
    await makeUser(h.prisma, ['admin'], { email: 'admin@relm.test' });
    // accounts with the demo addresses are not enough: a real organisation never seeded the demo
    expect(await demoAccounts()).toEqual([]);

    await h.prisma.$transaction((tx) => appendAudit(tx, SYSTEM_ACTOR, null, { action: 'seed.demo', targetType: 'organisation', after: { users: 3 } }));
    expect(await demoAccounts()).toEqual([
      { email: 'admin@relm.test', key: 'admin' },
      { email: 'ops2@relm.test', key: 'ops2' },
    ]);
  });
});
