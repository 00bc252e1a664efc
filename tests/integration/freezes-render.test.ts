import { renderToString } from '@/tests/support/render';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/server/actor';
import type { DbHandle } from '@/lib/server/db';
import { makeEnvironment, makeRelease, uid } from '../support/factories';
import { actorsWith, withFreshDatabase } from '../support/suite';
import { releaseRefFor } from '../support/release-ref';
import { releaseKey } from '@/lib/domain/release-key';

// Renders the freeze pages and the release's freeze section with real data, so a
// page that would crash (or lose a section) fails here without a browser.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`REDIRECT ${to}`), { to });
  },
  notFound: () => {
    throw Object.assign(new Error('NOT_FOUND'), { notFound: true });
  },
}));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { createFreezeWindow, requestFreezeOverride } = await import('@/lib/server/freezes');

let h: DbHandle;
let admin: Actor;
let rm: Actor;
let viewer: Actor;
let freezeId: string;
let key: string;
const name = `Weekend freeze ${uid()}`;

withFreshDatabase(async (db) => {
  h = db;
  [admin, rm, viewer] = await actorsWith(db, ['admin'], ['release_manager'], ['viewer']);
  const env = await makeEnvironment(h.prisma);
  const created = await createFreezeWindow.as(admin)({
    name,
    reason: 'Nobody <b>on call</b> at weekends.',
    kind: 'recurring',
    rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
    durationMinutes: '3600',
    timezone: 'Europe/London',
    environments: [env.name],
  });
  if (!created.ok) throw new Error(created.message);
  freezeId = created.data.id;
  const release = await makeRelease(h.prisma, { ownerId: rm.id! });
  // scheduled over a Saturday: the freeze hits it
  await h.prisma.releaseEnvironment.create({
    data: { releaseId: release.id, environmentId: env.id, scheduledStart: new Date('2030-01-05T10:00:00Z'), scheduledEnd: new Date('2030-01-05T11:00:00Z') },
  });
  key = releaseKey(release.number);
  const r = await requestFreezeOverride.as(rm)({
    releaseKey: key,
    freezeId,
    environmentName: env.name,
    reason: 'Regulatory deadline on Monday, agreed with compliance.',
  });
  if (!r.ok) throw new Error(r.message);
});

const render = async (el: Promise<ReactElement | null> | ReactElement | null) => {
  const e = await el;
  return e ? await renderToString(e) : '';
};

describe('freeze pages render', () => {
  it('admin list, detail and the read-only list', async () => {
    session.actor = admin;
    const list = (await import('@/app/(app)/admin/freezes/page')).default;
    const html = await render(list());
    expect(html).toContain(name);
    expect(html).toContain('Every Friday at 18:00 for 2 days 12 hours (Europe/London)');
    expect(html).toContain('Create freeze');
    expect(html).not.toContain('<b>on call');
    const detail = (await import('@/app/(app)/admin/freezes/[id]/page')).default;
    const d = await render(detail({ params: Promise.resolve({ id: freezeId }) }));
    expect(d).toContain('Save changes');
    expect(d).toContain('Deactivate freeze');
    expect(d).toContain('FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0');
    await expect(detail({ params: Promise.resolve({ id: 'missing' }) })).rejects.toMatchObject({ notFound: true });
    session.actor = viewer;
    const pub = (await import('@/app/(app)/freezes/page')).default;
    const p = await render(pub());
    expect(p).toContain(name);
    expect(p).not.toContain('Manage freezes');
    expect(await render(list())).toContain('you do not have access');
  });

  it('the release section: hit, override waiting, and the forms by role', async () => {
    const { FreezeOverrides } = await import('@/app/(app)/releases/[key]/_sections/freeze-overrides');
    session.actor = rm;
    const own = await render(FreezeOverrides({ release: await releaseRefFor(key), timezone: 'Europe/London' }));
    expect(own).toContain(`${name} (4 Jan 2030 18:00 – 7 Jan 2030 06:00 Europe/London) covers`);
    expect(own).toContain('Waiting for confirmation');
    expect(own).toContain('Withdraw request');
    expect(own).not.toContain('Confirm override');
    expect(own).toContain('Request override');
    session.actor = admin;
    const other = await render(FreezeOverrides({ release: await releaseRefFor(key) }));
    expect(other).toContain('Confirm override');
    session.actor = viewer;
    const v = await render(FreezeOverrides({ release: await releaseRefFor(key) }));
    expect(v).not.toContain('Request override');
    expect(v).not.toContain('Confirm override');
    expect(v).toContain('Regulatory deadline');
  });
});
