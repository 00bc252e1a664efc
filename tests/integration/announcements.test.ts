import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/server/actor';
import type { DbHandle } from '@/lib/server/db';
import { resetEmailTransport } from '@/lib/server/channels/email';
import { deliverOne, DELIVER_SPEC } from '@/lib/server/jobs/delivery';
import { releaseKey } from '@/lib/domain/release-key';
import { freshDatabase } from '../support/db';
import { renderToString } from '../support/render';
import { makeBuild, makeComponent, makeRelease, makeUser, uid, uniqueInt } from '../support/factories';
import { testEnv } from '../support/env';
import { SmtpTestServer } from '../support/smtp';

// Release announcements (issue 13, point 8): a release manager drafts one, publishes it once
// the release is deployed (refused before, naming the rule), and corrects it; publishing
// e-mails each component's distribution list through the outbox and the real SMTP server;
// What's new lists published announcements only, for viewers too, and as an Atom feed that a
// reader fetches with a signed per-component token.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: 'relm.test' }) }));
vi.mock('next/navigation', () => ({
  notFound: () => {
    throw new Error('NEXT_NOT_FOUND');
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
  useRouter: () => ({ replace: () => {}, push: () => {}, refresh: () => {} }),
  usePathname: () => '/',
  useSearchParams: () => new URLSearchParams(),
}));

const { saveAnnouncement, publishAnnouncement, correctAnnouncement, getAnnouncementPanel, draftFromReleaseNotes } = await import('@/lib/server/announcements');
const { listWhatsNew, getWhatsNew, feedToken, getWhatsNewFeed } = await import('@/lib/server/whats-new');
const { createComponent, updateComponent } = await import('@/lib/server/components');
const { GET: feedRoute } = await import('@/app/(app)/whats-new/[component]/feed.xml/route');

const env = testEnv(['RELM_SMTP_URL', 'RELM_MAIL_FROM', 'RELM_PUBLIC_URL'] as const);
const smtp = new SmtpTestServer();
let h: DbHandle;
let rm: Actor;
let viewer: Actor;

beforeAll(async () => {
  await smtp.start();
  env.set({ RELM_SMTP_URL: smtp.url, RELM_MAIL_FROM: 'Relm <relm@relm.example.com>', RELM_PUBLIC_URL: 'https://relm.example.com' });
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'], { name: 'Vic Viewer' })).actor;
});

afterAll(async () => {
  await h?.close();
  resetEmailTransport();
  await smtp.stop();
  env.restore();
});

const TEXT = {
  title: 'Invoices can be paid by card',
  summary: 'From Monday you can pay invoices by card in the billing portal.',
  body: 'Open an invoice and choose **Pay by card**.\n\nSee [the guide](https://docs.example.com/cards).',
  effective: 'Monday 7 December 2026 from 08:00 CET',
  contact: '#billing-help or billing-team@example.com',
};

/** A release shipping the given components (each with its distribution list), in a status. */
async function releaseShipping(
  components: { list?: string; name?: string }[],
  status: 'approved' | 'deploying' | 'deployed' | 'closed' | 'cancelled' | 'rolled_back' = 'deployed',
) {
  const made = [];
  for (const c of components) {
    const comp = await makeComponent(h.prisma, { name: c.name });
    if (c.list) await h.prisma.component.update({ where: { id: comp.id }, data: { distributionList: c.list } });
    made.push(comp);
  }
  const r = await makeRelease(h.prisma, { ownerId: rm.id! });
  const pkg = await h.prisma.releasePackage.create({ data: { releaseId: r.id } });
  for (const comp of made) {
    const b = await makeBuild(h.prisma, { componentId: comp.id });
    await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: comp.id, buildId: b.id } });
  }
  await h.prisma.release.update({ where: { id: r.id }, data: { status } });
  return { id: r.id, key: releaseKey(r.number), components: made };
}

async function productionDeployment(releaseId: string, status: 'succeeded' | 'failed') {
  const env = await h.prisma.environment.create({ data: { name: `prod-${uid()}`, displayName: 'Production', tier: 'production', position: uniqueInt() } });
  await h.prisma.deployment.create({ data: { releaseId, environmentId: env.id, status, executedBy: 'ci' } });
}

async function deliverAll(releaseId: string) {
  const rows = await h.prisma.delivery.findMany({ where: { releaseId, status: 'pending' } });
  for (const d of rows) await deliverOne(d.id, { retryCount: 0, retryLimit: DELIVER_SPEC.retryLimit });
  return rows;
}

// ---------------------------------------------------------------- a tiny XML well-formedness check

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

/** Throws unless the text is well-formed XML as far as tags, attributes, text and entities go. */
function assertWellFormed(xml: string) {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const re = /<([^>]*)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let roots = 0;
  while ((m = re.exec(body))) {
    if (m[2] !== undefined) {
      if (m[2].replace(ENTITY, '').includes('&')) throw new Error(`unescaped & in text: ${m[2].slice(0, 80)}`);
      if (m[2].includes('>') && m[2].includes(']]>')) throw new Error('"]]>" in text');
      if (!stack.length && m[2].trim()) throw new Error(`text outside the root: ${m[2].slice(0, 40)}`);
      continue;
    }
    const tag = m[1]!;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) throw new Error(`</${name}> closes nothing open`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const inner = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^([A-Za-z_][\w.:-]*)/.exec(inner)?.[1];
    if (!name) throw new Error(`bad tag <${tag}>`);
    const attrs = inner.slice(name.length);
    const attrRe = /\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/g;
    if (attrs.replace(attrRe, '').trim()) throw new Error(`bad attributes in <${tag}>`);
    for (const a of attrs.matchAll(attrRe)) if (a[2]!.replace(ENTITY, '').includes('&')) throw new Error(`unescaped & in attribute of <${name}>`);
    if (!stack.length) roots++;
    if (!selfClosing) stack.push(name);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

const unescapeXml = (v: string) => v.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

const elements = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1]!);

// ---------------------------------------------------------------- tests

describe('distribution lists on components', () => {
  it('are validated field by field, normalized one a line, at most 50, and audited with the component', async () => {
    const team = await h.prisma.team.create({ data: { name: `Team ${uid()}`, slug: `team-${uid()}` } });
    const bad = await createComponent.as(rm)({ name: `svc-${uid()}`, ownerTeamId: team.id, tier: 3, distributionList: 'users@example.com, not-an-address' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    expect(!bad.ok && bad.fieldErrors?.distributionList?.[0]).toContain('not-an-address');

    const many = Array.from({ length: 51 }, (_, i) => `u${i}@example.com`).join('\n');
    const tooMany = await createComponent.as(rm)({ name: `svc-${uid()}`, ownerTeamId: team.id, tier: 3, distributionList: many });
    expect(!tooMany.ok && tooMany.fieldErrors?.distributionList?.[0]).toMatch(/at most 50 addresses \(this one has 51\)/);

    const name = `svc-${uid()}`;
    const ok = await createComponent.as(rm)({ name, ownerTeamId: team.id, tier: 3, distributionList: 'Users@Example.com; ops@example.com\nusers@example.com' });
    expect(ok.ok).toBe(true);
    const row = await h.prisma.component.findUniqueOrThrow({ where: { name } });
    expect(row.distributionList).toBe('users@example.com\nops@example.com');

    const edited = await updateComponent.as(rm)({ id: row.id, name, ownerTeamId: team.id, tier: 3, distributionList: 'all@example.com', version: row.version });
    expect(edited.ok).toBe(true);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'component.update', targetId: row.id } });
    expect(audit.before).toMatchObject({ distributionList: 'users@example.com\nops@example.com' });
    expect(audit.after).toMatchObject({ distributionList: 'all@example.com' });
  });
});

describe('writing and publishing an announcement', () => {
  it('is refused before the release is deployed, naming the rule; the draft stays and nothing is sent', async () => {
    const r = await releaseShipping([{ list: 'early@example.com' }], 'approved');
    const draft = await saveAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT, version: 0 });
    expect(draft).toMatchObject({ ok: true, data: { status: 'draft', version: 1 } });

    const refused = await publishAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT, version: 1 });
    expect(refused).toMatchObject({ ok: false, code: 'conflict' });
    expect(!refused.ok && refused.message).toContain(`${r.key} has not been deployed yet`);
    expect(!refused.ok && refused.message).toContain('rule: announce only what is deployed');
    // a failed production deployment is no deployment
    await productionDeployment(r.id, 'failed');
    expect(await publishAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT, version: 1 })).toMatchObject({ ok: false, code: 'conflict' });

    const a = await h.prisma.announcement.findUniqueOrThrow({ where: { releaseId: r.id } });
    expect(a).toMatchObject({ status: 'draft', revision: 0, publishedAt: null });
    expect(await h.prisma.delivery.count({ where: { releaseId: r.id } })).toBe(0);
    expect(await h.prisma.announcementRevision.count({ where: { announcementId: a.id } })).toBe(0);
    // the panel says why before anyone clicks
    const panel = await getAnnouncementPanel(rm, r.key);
    expect(panel?.publishBlocked).toContain('announce only what is deployed');
    expect(panel?.canEdit).toBe(true);
  });

  it('is refused for a cancelled or rolled-back release, and needs the fields users rely on', async () => {
    const cancelled = await releaseShipping([{}], 'cancelled');
    expect(await saveAnnouncement.as(rm)({ releaseKey: cancelled.key, ...TEXT })).toMatchObject({ ok: false, code: 'conflict' });
    const rolledBack = await releaseShipping([{}], 'rolled_back');
    const r2 = await publishAnnouncement.as(rm)({ releaseKey: rolledBack.key, ...TEXT });
    expect(!r2.ok && r2.message).toContain('rolled back');

    const deployed = await releaseShipping([{}]);
    const missing = await publishAnnouncement.as(rm)({ releaseKey: deployed.key, title: 'Only a title' });
    expect(missing).toMatchObject({ ok: false, code: 'invalid' });
    expect(!missing.ok && Object.keys(missing.fieldErrors ?? {}).sort()).toEqual(['contact', 'effective', 'summary']);
  });

  it('publishes once a production deployment succeeded, even before the status says deployed', async () => {
    const r = await releaseShipping([{}], 'deploying');
    await productionDeployment(r.id, 'succeeded');
    expect(await publishAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT })).toMatchObject({ ok: true, data: { status: 'published' } });
  });

  it('is an event for machines: a subscribed webhook endpoint gets announcement.published', async () => {
    const ep = await h.prisma.webhookEndpoint.create({
      data: {
        url: 'https://8.8.8.8/hook',
        description: 'Intranet news',
        events: ['announcement.published'],
        secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=',
      },
    });
    try {
      const r = await releaseShipping([{}], 'deploying');
      await productionDeployment(r.id, 'succeeded');
      expect(await publishAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT })).toMatchObject({ ok: true });
      const d = await h.prisma.delivery.findFirstOrThrow({ where: { webhookEndpointId: ep.id, releaseId: r.id } });
      expect(d.event).toBe('announcement.published');
      expect(d.payload).toMatchObject({
        type: 'announcement.published',
        data: { releaseKey: r.key, title: TEXT.title, summary: TEXT.summary, components: [r.components[0]!.name] },
      });
    } finally {
      await h.prisma.webhookEndpoint.delete({ where: { id: ep.id } });
    }
  });

  it('after deployment: e-mails every distribution-list address once, through the outbox, to the real SMTP server', async () => {
    smtp.clear();
    const r = await releaseShipping([
      { name: `billing-${uid()}`, list: 'billing-users@example.com\nfinance@example.com' },
      { name: `portal-${uid()}`, list: 'portal-users@example.com, finance@example.com' },
      { name: `quiet-${uid()}` },
    ]);
    const [billing, portal] = r.components;
    const saved = await saveAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT, version: 0 });
    expect(saved.ok).toBe(true);
    const published = await publishAnnouncement.as(rm, { requestId: `req-${uid()}` })({ releaseKey: r.key, ...TEXT, version: 1 });
    expect(published).toMatchObject({ ok: true, data: { status: 'published', emailsQueued: 3 } });

    const deliveries = await h.prisma.delivery.findMany({ where: { releaseId: r.id }, orderBy: { recipient: 'asc' } });
    const a = await h.prisma.announcement.findUniqueOrThrow({ where: { releaseId: r.id } });
    expect(deliveries.map((d) => [d.recipient, d.dedupeKey, d.userId, d.status])).toEqual([
      ['billing-users@example.com', `announcement:${a.id}:v1:billing-users@example.com`, null, 'pending'],
      ['finance@example.com', `announcement:${a.id}:v1:finance@example.com`, null, 'pending'],
      ['portal-users@example.com', `announcement:${a.id}:v1:portal-users@example.com`, null, 'pending'],
    ]);
    // a second publication is refused: corrections are the way to change it
    expect(await publishAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT })).toMatchObject({ ok: false, code: 'conflict' });

    await deliverAll(r.id);
    const toBilling = await smtp.waitFor((m) => m.envelope.to.includes('billing-users@example.com'));
    expect(toBilling.subject).toBe(`${r.key} ${billing!.name}: ${TEXT.title}`);
    expect(toBilling.text).toContain(TEXT.summary);
    expect(toBilling.text).toContain(TEXT.effective);
    expect(toBilling.text).toContain(TEXT.contact);
    expect(toBilling.text).toContain(`https://relm.example.com/whats-new/${billing!.name}`);
    const toFinance = await smtp.waitFor((m) => m.envelope.to.includes('finance@example.com'));
    expect(toFinance.subject).toBe(`${r.key} ${billing!.name}, ${portal!.name}: ${TEXT.title}`);
    const toPortal = await smtp.waitFor((m) => m.envelope.to.includes('portal-users@example.com'));
    expect(toPortal.subject).toContain(portal!.name);
    expect(smtp.messages.filter((m) => m.subject.startsWith(r.key))).toHaveLength(3);
    expect((await h.prisma.delivery.findMany({ where: { releaseId: r.id } })).every((d) => d.status === 'sent')).toBe(true);

    // audited, with the first published text kept as revision 1
    const event = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'announcement.publish', targetId: a.id } });
    expect(event.after).toMatchObject({ status: 'published', revision: 1, title: TEXT.title, emailsQueued: 3 });
    expect(await h.prisma.announcementRevision.findMany({ where: { announcementId: a.id } })).toMatchObject([
      { revision: 1, title: TEXT.title, emailed: true, publishedBy: 'Rita Manager', note: '' },
    ]);
    // listed on each component's page (the one without a list too)
    for (const c of r.components) {
      const news = await getWhatsNew(viewer, c.name);
      expect(news?.entries.map((e) => e.releaseKey)).toContain(r.key);
    }
  });

  it('refuses a stale save and other roles', async () => {
    const r = await releaseShipping([{}]);
    expect((await saveAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT, version: 0 })).ok).toBe(true);
    expect((await saveAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT, title: 'Second', version: 1 })).ok).toBe(true);
    const stale = await saveAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT, title: 'Third', version: 1 });
    expect(stale).toMatchObject({ ok: false, code: 'stale' });
    expect(await saveAnnouncement.as(viewer)({ releaseKey: r.key, ...TEXT })).toMatchObject({ ok: false, code: 'forbidden' });
    const ops = (await makeUser(h.prisma, ['operations'])).actor;
    expect(await publishAnnouncement.as(ops)({ releaseKey: r.key, ...TEXT })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('drafts from the release notes: the title, the handover’s what changed and support contacts', async () => {
    const r = await releaseShipping([{}]);
    await h.prisma.handover.create({ data: { releaseId: r.id, whatChanged: 'Card payments added.', supportContacts: '#billing-help' } });
    await h.prisma.release.update({ where: { id: r.id }, data: { plannedStart: new Date('2026-12-07T07:00:00Z'), timezone: 'Europe/Berlin' } });
    const ref = (await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } }))!;
    const draft = await draftFromReleaseNotes(rm, { id: r.id, number: ref.number, key: r.key, status: ref.status, version: ref.version });
    expect(draft).toMatchObject({ title: ref.title, body: 'Card payments added.', contact: '#billing-help' });
    expect(draft.effective).toMatch(/^Monday,? 7 December 2026,? (at )?08:00 CET$/);
  });
});

describe('correcting a published announcement', () => {
  it('keeps the earlier text, is audited with what changed, shows on What’s new, and e-mails only when asked', async () => {
    smtp.clear();
    const r = await releaseShipping([{ name: `ledger-${uid()}`, list: 'ledger-users@example.com' }]);
    const component = r.components[0]!.name;
    const pub = await publishAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT });
    expect(pub.ok).toBe(true);
    await deliverAll(r.id);
    await smtp.waitFor((m) => m.envelope.to.includes('ledger-users@example.com'));
    const a = await h.prisma.announcement.findUniqueOrThrow({ where: { releaseId: r.id } });

    // nothing changed: refused
    const same = await correctAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT, note: 'Typo', version: a.version });
    expect(same).toMatchObject({ ok: false, code: 'invalid' });
    // no note: refused, naming the field
    const noNote = await correctAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT, effective: 'Tuesday', note: ' ', version: a.version });
    expect(!noNote.ok && noNote.fieldErrors?.note?.[0]).toContain('Say what the correction changes');

    const quiet = await correctAnnouncement.as(rm, { requestId: `req-${uid()}` })({
      releaseKey: r.key,
      ...TEXT,
      effective: 'Tuesday 8 December 2026 from 08:00 CET',
      note: 'The start moved to Tuesday.',
      version: a.version,
    });
    expect(quiet).toMatchObject({ ok: true, data: { revision: 2, emailsQueued: 0, changed: ['effective'] } });
    expect(await h.prisma.delivery.count({ where: { releaseId: r.id } })).toBe(1);
    const event = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'announcement.correct', targetId: a.id } });
    expect(event.before).toEqual({ revision: 1, effective: TEXT.effective });
    expect(event.after).toMatchObject({
      revision: 2,
      effective: 'Tuesday 8 December 2026 from 08:00 CET',
      note: 'The start moved to Tuesday.',
      sendEmail: false,
    });

    const news = await getWhatsNew(viewer, component);
    expect(news?.entries[0]).toMatchObject({
      effective: 'Tuesday 8 December 2026 from 08:00 CET',
      corrections: [{ revision: 2, note: 'The start moved to Tuesday.' }],
    });
    expect(news?.entries[0]?.correctedAt).not.toBeNull();
    const revisions = await h.prisma.announcementRevision.findMany({ where: { announcementId: a.id }, orderBy: { revision: 'asc' } });
    // the database keeps a published text as it was
    await expect(h.prisma.announcementRevision.update({ where: { id: revisions[0]!.id }, data: { title: 'Rewritten' } })).rejects.toThrow(
      /published announcement texts are kept as they were/,
    );
    expect(revisions.map((x) => [x.revision, x.effective, x.emailed])).toEqual([
      [1, TEXT.effective, true],
      [2, 'Tuesday 8 December 2026 from 08:00 CET', false],
    ]);

    const current = await h.prisma.announcement.findUniqueOrThrow({ where: { id: a.id } });
    const loud = await correctAnnouncement.as(rm)({
      releaseKey: r.key,
      ...TEXT,
      effective: 'Tuesday 8 December 2026 from 09:00 CET',
      note: 'The start moved to 09:00.',
      sendEmail: 'on',
      version: current.version,
    });
    expect(loud).toMatchObject({ ok: true, data: { revision: 3, emailsQueued: 1 } });
    const d = await h.prisma.delivery.findUniqueOrThrow({ where: { dedupeKey: `announcement:${a.id}:v3:ledger-users@example.com` } });
    expect(d.event).toBe('announcement.corrected');
    await deliverAll(r.id);
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('ledger-users@example.com') && m.subject.includes('Correction'));
    expect(mail.subject).toBe(`${r.key} ${component}: Correction: ${TEXT.title}`);
    expect(mail.text).toContain('The start moved to 09:00.');
    expect(smtp.messages.filter((m) => m.envelope.to.includes('ledger-users@example.com'))).toHaveLength(2);
  });

  it('is refused for a draft', async () => {
    const r = await releaseShipping([{}]);
    await saveAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT });
    const a = await h.prisma.announcement.findUniqueOrThrow({ where: { releaseId: r.id } });
    const refused = await correctAnnouncement.as(rm)({ releaseKey: r.key, ...TEXT, title: 'x', note: 'n', version: a.version });
    expect(refused).toMatchObject({ ok: false, code: 'conflict' });
  });
});

describe('What’s new', () => {
  it('lists published announcements only, newest first, for a viewer', async () => {
    const shared = await makeComponent(h.prisma, { name: `shared-${uid()}` });
    const make = async (publish: boolean, title: string) => {
      const r = await makeRelease(h.prisma, { ownerId: rm.id! });
      const pkg = await h.prisma.releasePackage.create({ data: { releaseId: r.id } });
      const b = await makeBuild(h.prisma, { componentId: shared.id });
      await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: shared.id, buildId: b.id } });
      await h.prisma.release.update({ where: { id: r.id }, data: { status: 'deployed' } });
      const key = releaseKey(r.number);
      const result = publish
        ? await publishAnnouncement.as(rm)({ releaseKey: key, ...TEXT, title })
        : await saveAnnouncement.as(rm)({ releaseKey: key, ...TEXT, title });
      expect(result.ok).toBe(true);
      return key;
    };
    const first = await make(true, 'First');
    await make(false, 'A draft nobody sees');
    // the first was published long ago
    await h.prisma.announcement.updateMany({ where: { release: { number: Number(first.slice(4)) } }, data: { publishedAt: new Date('2026-01-01T00:00:00Z') } });
    const second = await make(true, 'Second');

    const news = await getWhatsNew(viewer, shared.name);
    expect(news?.entries.map((e) => [e.releaseKey, e.title])).toEqual([
      [second, 'Second'],
      [first, 'First'],
    ]);
    expect(news?.feedPath).toBe(`/whats-new/${shared.name}/feed.xml?token=${feedToken(shared.id)}`);
    const index = await listWhatsNew(viewer);
    expect(index.rows.find((row) => row.name === shared.name)?.latest).toMatchObject({ releaseKey: second, title: 'Second' });
    expect(await getWhatsNew(viewer, 'no-such-component')).toBeNull();
    await expect(listWhatsNew(null)).rejects.toThrow('Sign in');
  });
});

describe('the Atom feed', () => {
  async function hostileRelease() {
    const r = await releaseShipping([{ name: `feed-${uid()}` }]);
    const title = 'Fees & "limits" <changed> for \'you\'';
    const pub = await publishAnnouncement.as(rm)({
      releaseKey: r.key,
      ...TEXT,
      title,
      summary: 'Less < more & "quoted" \u0001control',
      body: '<script>alert(1)</script> & <b>bold</b>',
    });
    expect(pub.ok).toBe(true);
    return { ...r, component: r.components[0]!, title };
  }

  const get = (name: string, query = '') =>
    feedRoute(new Request(`https://relm.example.com/whats-new/${encodeURIComponent(name)}/feed.xml${query}`), { params: Promise.resolve({ component: name }) });

  it('is well-formed Atom 1.0 with escaped text, for a reader holding the token', async () => {
    session.actor = null;
    const r = await hostileRelease();
    const token = feedToken(r.component.id);
    const res = await get(r.component.name, `?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(() => assertWellFormed(xml)).not.toThrow();
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
    expect(elements(xml, 'id')[0]).toMatch(/^tag:relm\.example\.com,2026-12-05:whats-new\//);
    expect(xml).toContain(
      `<link rel="self" type="application/atom+xml" href="https://relm.example.com/whats-new/${r.component.name}/feed.xml?token=${token}"/>`,
    );
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="https://relm.example.com/whats-new/${r.component.name}"/>`);
    expect(elements(xml, 'updated')[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const entries = elements(xml, 'entry');
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(elements(entry, 'id')[0]).toMatch(/^tag:relm\.example\.com,2026-12-05:announcement\//);
    expect(unescapeXml(elements(entry, 'title')[0]!)).toBe(`${r.key}: ${r.title}`);
    expect(elements(entry, 'title')[0]).toBe(`${r.key}: Fees &amp; &quot;limits&quot; &lt;changed&gt; for &apos;you&apos;`);
    expect(elements(entry, 'published')).toHaveLength(1);
    expect(elements(entry, 'updated')).toHaveLength(1);
    expect(elements(entry, 'name')).toEqual(['Rita Manager']);
    // the control character is dropped (XML cannot carry it); the rest is escaped
    expect(unescapeXml(elements(entry, 'summary')[0]!)).toBe('Less < more & "quoted" control');
    // content type="html": the HTML is escaped once for XML, and holds no markup from the author
    const html = unescapeXml(elements(entry, 'content')[0]!);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<b>/);
  });

  it('refuses a missing, tampered or other component’s token with 401, and serves a signed-in person', async () => {
    session.actor = null;
    const r = await hostileRelease();
    const other = await makeComponent(h.prisma);
    const token = feedToken(r.component.id);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const query of ['', `?token=${tampered}`, `?token=${feedToken(other.id)}`, '?token=', `?token=${token}x`]) {
      const res = await get(r.component.name, query);
      expect(res.status, query).toBe(401);
      expect(await res.text()).toContain('Subscribe (Atom)');
    }
    // an unknown component looks the same without a session; with one it is 404, never 500
    expect((await get('no-such-component', `?token=${token}`)).status).toBe(401);
    expect((await get('%E0%A4%A', '')).status).toBeLessThan(500);
    session.actor = viewer;
    expect((await get('no-such-component')).status).toBe(404);
    const res = await get(r.component.name);
    expect(res.status).toBe(200);
    // a signed-in fetch puts no token into the feed
    expect(await res.text()).not.toContain('token=');
    session.actor = null;
    // the loader answers the same way without the route
    expect(await getWhatsNewFeed(r.component.name, { actor: null, token: tampered }, 'https://relm.example.com')).toMatchObject({ status: 401 });
  });
});

describe('the pages', () => {
  // under the test's next-intl provider: the pages' words come from the catalogues
  async function html(node: ReactNode): Promise<string> {
    return renderToString(node);
  }

  it('show a viewer What’s new with the Markdown rendered safely and the feed address', async () => {
    const r = await releaseShipping([{ name: `page-${uid()}` }]);
    const name = r.components[0]!.name;
    const pub = await publishAnnouncement.as(rm)({
      releaseKey: r.key,
      ...TEXT,
      body: 'Choose **Pay by card**. [Guide](https://docs.example.com/cards) [bad](javascript:alert(1)) <script>alert(2)</script> <img src="https://evil.example/x.png">',
    });
    expect(pub.ok).toBe(true);
    session.actor = viewer;
    const { default: Page } = await import('@/app/(app)/whats-new/[component]/page');
    const out = await html(await Page({ params: Promise.resolve({ component: name }) }));
    expect(out).toContain(TEXT.title);
    expect(out).toContain('<strong>Pay by card</strong>');
    expect(out).toMatch(/<a href="https:\/\/docs\.example\.com\/cards" rel="noopener noreferrer nofollow" target="_blank"/);
    expect(out).not.toContain('javascript:');
    expect(out).not.toContain('<script>alert(2)');
    expect(out).not.toContain('evil.example');
    expect(out).toContain('Subscribe (Atom)');
    expect(out).toContain(`https://relm.example.com/whats-new/${name}/feed.xml?token=${feedToken(r.components[0]!.id)}`);

    const { default: Index } = await import('@/app/(app)/whats-new/page');
    const index = await html(await Index());
    expect(index).toContain(`href="/whats-new/${name}"`);
    session.actor = null;
  });

  it('show a release manager the form, the rule that blocks publishing and the draft from the release notes', async () => {
    const r = await releaseShipping([{ list: 'x@example.com' }], 'approved');
    const row = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } });
    const ref = { id: r.id, number: row.number, key: r.key, status: row.status, version: row.version };
    session.actor = rm;
    const { AnnouncementPanel } = await import('@/app/(app)/releases/[key]/_sections/announcement-panel');
    const out = await html(await AnnouncementPanel({ release: ref, timezone: 'UTC', fromNotes: false }));
    expect(out).toContain('Write the announcement');
    expect(out).toContain('rule: announce only what is deployed');
    expect(out).toContain(`href="/releases/${r.key}/handover?draft=notes#announcement"`);
    // prefilled from the release: its title
    expect(out).toContain(`value="${row.title}"`);
    // a viewer sees no form
    session.actor = viewer;
    const seen = await html(await AnnouncementPanel({ release: ref, timezone: 'UTC', fromNotes: false }));
    expect(seen).not.toContain('Write the announcement');
    session.actor = null;
  });

  it('the form actions save, publish and correct, keeping the values on a refusal', async () => {
    const { saveAnnouncementAction, correctAnnouncementAction } = await import('@/app/(app)/releases/[key]/announcement-actions');
    const r = await releaseShipping([{ list: `act-${uid()}@example.com` }], 'approved');
    const form = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      return f;
    };
    session.actor = rm;
    const refused = await saveAnnouncementAction({ status: 'idle' }, form({ releaseKey: r.key, ...TEXT, version: '0', intent: 'publish' }));
    expect(refused).toMatchObject({ status: 'error', values: { title: TEXT.title } });
    expect(refused.message).toContain('announce only what is deployed');
    const draft = await saveAnnouncementAction({ status: 'idle' }, form({ releaseKey: r.key, ...TEXT, version: '0', intent: 'draft' }));
    expect(draft).toMatchObject({ status: 'ok' });
    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'deployed' } });
    const published = await saveAnnouncementAction({ status: 'idle' }, form({ releaseKey: r.key, ...TEXT, version: '1', intent: 'publish' }));
    expect(published.status).toBe('ok');
    expect(published.message).toMatch(/1 e-mail to the distribution lists/);
    const a = await h.prisma.announcement.findUniqueOrThrow({ where: { releaseId: r.id } });
    const corrected = await correctAnnouncementAction(
      { status: 'idle' },
      form({ releaseKey: r.key, ...TEXT, title: 'Cards from Tuesday', note: 'New day.', version: String(a.version) }),
    );
    expect(corrected).toMatchObject({ status: 'ok' });
    expect(corrected.message).toContain('No e-mail was sent.');
    session.actor = null;
  });
});
