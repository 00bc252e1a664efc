import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { nowMs } from '@/lib/server/clock';
import { renderEmail } from '@/lib/domain/email-render';
import type { OutboundMessage } from '@/lib/server/channels/types';
import { defaultMyTimeZone, setMyTimeZone } from '@/lib/server/profile';
import { viewerOf } from '@/lib/server/viewer';
import { notifyWindowsOpening } from '@/lib/server/window-reminders';
import { freshDatabase } from '../support/db';
import { makeUser, uid, uniqueInt } from '../support/factories';
import { testEnv } from '../support/env';

// One time zone per person (issue 16 point 3, docs/decisions/050-one-time-zone-per-person.md):
// set on Profile, the browser's on first sign-in, and used for the times Relm writes to them.

let h: DbHandle;
beforeAll(async () => {
  h = await freshDatabase();
});
afterAll(async () => {
  await h?.close();
});

const HOUR = 3_600_000;
const zoneOf = async (id: string) => (await h.prisma.user.findUniqueOrThrow({ where: { id }, select: { timeZone: true } })).timeZone;
const audits = (id: string, action: string) => h.prisma.auditEvent.findMany({ where: { targetId: id, action } });

describe('a person’s time zone', () => {
  it('is set on Profile, validated and audited, and read back as the viewer’s', async () => {
    const ana = await makeUser(h.prisma, ['viewer']);
    expect((await viewerOf(ana.id!)).zoneSet).toBe(false);
    expect(await viewerOf(ana.id!)).toMatchObject({ timeZone: 'UTC', locale: 'en-GB' });
    expect(await setMyTimeZone.as(ana.actor)({ timeZone: 'Not/AZone' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await setMyTimeZone.as(ana.actor)({ timeZone: 'Europe/Paris' })).toMatchObject({ ok: true, data: { timeZone: 'Europe/Paris' } });
    expect(await viewerOf(ana.id!)).toMatchObject({ timeZone: 'Europe/Paris', zoneSet: true });
    expect(await audits(ana.id!, 'profile.set_time_zone')).toHaveLength(1);
    // the same again changes nothing and records nothing
    expect(await setMyTimeZone.as(ana.actor)({ timeZone: 'Europe/Paris' })).toMatchObject({ ok: true });
    expect(await audits(ana.id!, 'profile.set_time_zone')).toHaveLength(1);
  });

  it('defaults to the browser’s once, on first sign-in, and never overrides a zone already chosen', async () => {
    const bo = await makeUser(h.prisma, ['viewer']);
    expect(await defaultMyTimeZone.as(bo.actor)({ timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await defaultMyTimeZone.as(bo.actor)({ timeZone: '' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await zoneOf(bo.id!)).toBeNull();
    expect(await defaultMyTimeZone.as(bo.actor)({ timeZone: 'Asia/Tokyo' })).toMatchObject({ ok: true, data: { timeZone: 'Asia/Tokyo', set: true } });
    const [event] = await audits(bo.id!, 'profile.default_time_zone');
    expect(event).toMatchObject({ before: { timeZone: null }, after: { timeZone: 'Asia/Tokyo', from: 'browser' } });
    // another tab, or a browser in another zone later: the zone stays, nothing is recorded
    expect(await defaultMyTimeZone.as(bo.actor)({ timeZone: 'America/Chicago' })).toMatchObject({ ok: true, data: { timeZone: 'Asia/Tokyo', set: false } });
    expect(await setMyTimeZone.as(bo.actor)({ timeZone: 'Europe/Lisbon' })).toMatchObject({ ok: true });
    expect(await defaultMyTimeZone.as(bo.actor)({ timeZone: 'Asia/Tokyo' })).toMatchObject({ ok: true, data: { timeZone: 'Europe/Lisbon', set: false } });
    expect(await zoneOf(bo.id!)).toBe('Europe/Lisbon');
    expect(await audits(bo.id!, 'profile.default_time_zone')).toHaveLength(1);
  });

  it('knows a browser’s other names for UTC as UTC', async () => {
    const di = await makeUser(h.prisma, ['viewer']);
    expect(await defaultMyTimeZone.as(di.actor)({ timeZone: 'Etc/UTC' })).toMatchObject({ ok: true, data: { timeZone: 'UTC', set: true } });
    expect(await zoneOf(di.id!)).toBe('UTC');
  });

  it('two tabs posting the browser’s zone at once write it once', async () => {
    const cy = await makeUser(h.prisma, ['viewer']);
    const results = await Promise.all([
      defaultMyTimeZone.as(cy.actor)({ timeZone: 'Europe/Berlin' }),
      defaultMyTimeZone.as(cy.actor)({ timeZone: 'Europe/Madrid' }),
    ]);
    expect(results.filter((r) => r.ok && r.data.set)).toHaveLength(1);
    expect(await audits(cy.id!, 'profile.default_time_zone')).toHaveLength(1);
  });
});

describe('a notification and its e-mail', () => {
  const mail = testEnv(['RELM_SMTP_URL', 'RELM_PUBLIC_URL'] as const);

  it('write a window in the recipient’s zone, named, with the release’s zone beside it', async () => {
    mail.set({ RELM_SMTP_URL: 'smtp://127.0.0.1:9', RELM_PUBLIC_URL: 'https://relm.example.com' });
    try {
      const owner = await makeUser(h.prisma, ['release_manager'], { name: 'Olga Owner' });
      const ops = await makeUser(h.prisma, ['operations'], { name: 'Otto Ops' });
      expect(await setMyTimeZone.as(owner.actor)({ timeZone: 'Europe/Paris' })).toMatchObject({ ok: true });
      await h.prisma.notificationPreference.create({
        data: { userId: owner.id!, kind: 'window.opening', inApp: true, email: 'immediate', updatedAt: new Date() },
      });
      const env = await h.prisma.environment.create({ data: { name: `prod-${uid()}`, displayName: 'Production', tier: 'production', position: uniqueInt() } });
      const r = await h.prisma.release.create({
        data: { title: `Billing ${uid()}`, type: 'normal', ownerId: owner.id!, requesterId: owner.id!, status: 'scheduled', timezone: 'Europe/London' },
      });
      // a window at 09:00 UTC tomorrow: an hour or two apart in Paris and London, whatever the season
      const day = new Date(nowMs() + 2 * HOUR);
      const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1, 9);
      await h.prisma.releaseEnvironment.create({
        data: { releaseId: r.id, environmentId: env.id, scheduledStart: new Date(start), scheduledEnd: new Date(start + 2 * HOUR) },
      });
      await notifyWindowsOpening(new Date(start - 6 * HOUR));
      const told = await h.prisma.notification.findMany({ where: { releaseId: r.id, kind: 'window.opening' } });
      const bodyOf = (id: string) => told.find((n) => n.userId === id)?.body ?? '';
      const paris = new Date(start).toLocaleString('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'short' }).split(' ').pop();
      const london = new Date(start).toLocaleString('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short' }).split(' ').pop();
      const parisTime = new Date(start).toLocaleTimeString('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
      const londonTime = new Date(start).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
      expect(bodyOf(owner.id!)).toContain(`${parisTime}–`);
      expect(bodyOf(owner.id!)).toContain(` ${paris} (${londonTime}–`);
      expect(bodyOf(owner.id!)).toContain(`${london}, the release’s zone Europe/London)`);
      // someone with no zone yet reads the release's own, named, with nothing beside it
      expect(bodyOf(ops.id!)).toContain(`${londonTime}–`);
      expect(bodyOf(ops.id!)).toContain(` ${london}.`);
      expect(bodyOf(ops.id!)).not.toContain('the release’s zone');
      // the e-mail says the same, in the recipient's zone
      const [delivery] = await h.prisma.delivery.findMany({ where: { releaseId: r.id, event: 'window.opening', channel: 'email', userId: owner.id! } });
      const rendered = renderEmail(delivery!.payload as unknown as OutboundMessage, { name: 'Olga Owner' });
      expect(rendered.text).toContain(`${parisTime}–`);
      expect(rendered.text).toContain(`the release’s zone Europe/London`);
      expect(rendered.html).toContain(`the release’s zone Europe/London`);
    } finally {
      mail.restore();
    }
  });
});
