import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import {
  createTrain,
  getReleaseTrainPanel,
  getTrainPage,
  grantLateJoin,
  joinTrain,
  leaveTrain,
  listDeparturesBetween,
  listTrains,
  refuseLateJoin,
  requestLateJoin,
  updateTrain,
} from '@/lib/server/trains';
import { releaseKey } from '@/lib/domain/release-key';
import { GET as getTrainsRoute } from '@/app/api/v1/trains/route';
import { freshDatabase } from '../support/db';
import { makeApiToken, makeEnvironment, makeRelease, makeTeam, makeUser, uid } from '../support/factories';
import { resetClock, setClock } from '../support/clock';

// Release trains (docs/decisions/046-release-trains.md): a weekly train on Tuesdays at 10:00
// London time with a 24 h cut-off. The clock starts on Wednesday 10 June 2026, so the next
// departure is Tuesday 16 June 10:00 BST (09:00 UTC) and its cut-off Monday 15 June 09:00 UTC.

let h: DbHandle;
let maya: { id: string; actor: Actor };
let pat: { id: string; actor: Actor };
let sam: { id: string; actor: Actor };
let viewer: { id: string; actor: Actor };
let env: { id: string; name: string };
let trainId = '';
let slug = '';
const DEPARTURE = '2026-06-16T09:00:00.000Z';
const CUTOFF = '2026-06-15T09:00:00.000Z';

beforeAll(async () => {
  h = await freshDatabase();
  const payments = await makeTeam(h.prisma, `Payments ${uid()}`);
  const platform = await makeTeam(h.prisma, `Platform ${uid()}`);
  maya = await makeUser(h.prisma, ['release_manager'], { name: 'Maya Manager', teamId: payments.id });
  pat = await makeUser(h.prisma, ['release_manager'], { name: 'Pat Payments', teamId: payments.id });
  sam = await makeUser(h.prisma, ['release_manager'], { name: 'Sam Platform', teamId: platform.id });
  viewer = await makeUser(h.prisma, ['viewer']);
  env = await makeEnvironment(h.prisma);
  setClock({ at: '2026-06-10T08:00:00Z', frozen: true });
});

afterAll(async () => {
  resetClock();
  await h?.close();
});

const mayasRelease = async () => releaseKey((await makeRelease(h.prisma, { ownerId: maya.id })).number);

describe('release trains', () => {
  it('creates a train; a viewer may not', async () => {
    const name = `Weekly web train ${uid()}`;
    const input = {
      name,
      rrule: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=0',
      timezone: 'Europe/London',
      cutoffHours: '24',
      environments: [env.name],
    };
    const refused = await createTrain.as(viewer.actor)(input);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.code).toBe('forbidden');
    const bad = await createTrain.as(maya.actor)({ ...input, rrule: 'FREQ=SOMETIMES', environments: ['nowhere'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors?.rrule?.[0]).toMatch(/FREQ/);
      expect(bad.fieldErrors?.environments?.[0]).toMatch(/No environment is called "nowhere"/);
    }
    const res = await createTrain.as(maya.actor)(input);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    trainId = res.data.id;
    slug = res.data.slug;
    expect(slug).toMatch(/^weekly-web-train-/);
    const again = await createTrain.as(pat.actor)({ ...input, name: name.toUpperCase() });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.fieldErrors?.name?.[0]).toMatch(/already called/);
    const audit = await h.prisma.auditEvent.findFirst({ where: { action: 'train.create', targetId: trainId } });
    expect(audit).not.toBeNull();
  });

  it('computes departures from the cadence, with the cut-off and a countdown', async () => {
    const page = await getTrainPage(maya.actor, slug);
    expect(page).not.toBeNull();
    expect(page!.cadence).toBe('Every Tuesday at 10:00 (Europe/London)');
    expect(page!.cutoff).toBe('1 d before each departure');
    expect(page!.upcoming.map((d) => d.departureAt)).toEqual([DEPARTURE, '2026-06-23T09:00:00.000Z', '2026-06-30T09:00:00.000Z', '2026-07-07T09:00:00.000Z']);
    const first = page!.upcoming[0]!;
    expect(first.cutoffAt).toBe(CUTOFF);
    expect(first.departureText).toBe('Tue 16 Jun 2026 10:00 Europe/London');
    expect(first.cutoffText).toBe('Mon 15 Jun 2026 10:00 Europe/London');
    expect(first.countdown).toBe('5 d 1 h left to join');
    expect(first.status).toBe('boarding');
    const list = await listTrains(viewer.actor);
    const mine = list.find((t) => t.id === trainId)!;
    expect(mine.next?.departureAt).toBe(DEPARTURE);
    // nothing is stored until a release joins
    expect(await h.prisma.trainDeparture.count({ where: { trainId } })).toBe(0);
  });

  let early = '';
  it('joins before the cut-off; only someone who manages the release may', async () => {
    early = await mayasRelease();
    const bySam = await joinTrain.as(sam.actor)({ releaseKey: early, trainId, departureAt: DEPARTURE });
    expect(bySam.ok).toBe(false);
    if (!bySam.ok) expect(bySam.code).toBe('forbidden');
    const offCadence = await joinTrain.as(maya.actor)({ releaseKey: early, trainId, departureAt: '2026-06-17T09:00:00.000Z' });
    expect(offCadence.ok).toBe(false);
    if (!offCadence.ok) expect(offCadence.fieldErrors?.departureAt?.[0]).toMatch(/Choose one of the train’s departures/);
    const res = await joinTrain.as(maya.actor)({ releaseKey: early, trainId, departureAt: DEPARTURE });
    expect(res).toMatchObject({ ok: true, data: { late: false, departureAt: DEPARTURE, cutoffAt: CUTOFF } });
    const twice = await joinTrain.as(maya.actor)({ releaseKey: early, trainId, departureAt: '2026-06-23T09:00:00.000Z' });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.message).toMatch(/a release rides one departure/);
    const panel = await getReleaseTrainPanel(maya.actor, early);
    expect(panel?.seat).toMatchObject({ slug, departureAt: DEPARTURE, late: false, countdown: '5 d 1 h left to join' });
  });

  let late = '';
  let lateJoinId = '';
  it('refuses a join after the cut-off, naming the rule, why and what would satisfy it', async () => {
    setClock({ at: '2026-06-15T12:00:00Z', frozen: true });
    late = await mayasRelease();
    const res = await joinTrain.as(maya.actor)({ releaseKey: late, trainId, departureAt: DEPARTURE });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.code).toBe('gates');
    expect(res.gates?.[0]).toMatchObject({ rule: 'train.cutoff', passed: false });
    expect(res.gates?.[0]?.why).toMatch(/closed at its cut-off, Mon 15 Jun 2026 10:00 Europe\/London \(1 d before each departure\)/);
    expect(res.gates?.[0]?.fix).toMatch(/late-join exception/);
    const page = await getTrainPage(maya.actor, slug);
    expect(page!.upcoming[0]!.status).toBe('cut_off');
    expect(page!.upcoming[0]!.countdown).toBe('cut-off passed 3 h ago');
  });

  it('needs a second person to grant a late join', async () => {
    const short = await requestLateJoin.as(maya.actor)({ releaseKey: late, trainId, departureAt: DEPARTURE, reason: 'urgent' });
    expect(short.ok).toBe(false);
    const req = await requestLateJoin.as(maya.actor)({
      releaseKey: late,
      trainId,
      departureAt: DEPARTURE,
      reason: 'Payment provider deadline, agreed with the CAB chair.',
    });
    expect(req.ok).toBe(true);
    if (!req.ok) return;
    lateJoinId = req.data.id;
    const dup = await requestLateJoin.as(pat.actor)({
      releaseKey: late,
      trainId,
      departureAt: DEPARTURE,
      reason: 'Payment provider deadline, agreed with the CAB chair.',
    });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.message).toMatch(/waiting for a second person/);
    const self = await grantLateJoin.as(maya.actor)({ id: lateJoinId });
    expect(self.ok).toBe(false);
    if (!self.ok) {
      expect(self.code).toBe('forbidden');
      expect(self.message).toMatch(/cannot grant it/);
    }
    const byViewer = await grantLateJoin.as(viewer.actor)({ id: lateJoinId });
    expect(byViewer.ok).toBe(false);
    // still refused while only asked for
    const stillRefused = await joinTrain.as(maya.actor)({ releaseKey: late, trainId, departureAt: DEPARTURE });
    expect(stillRefused.ok).toBe(false);
    const page = await getTrainPage(pat.actor, slug);
    const lj = page!.upcoming[0]!.lateJoins[0]!;
    expect(lj).toMatchObject({ id: lateJoinId, status: 'requested', canGrant: true });
    expect((await getTrainPage(maya.actor, slug))!.upcoming[0]!.lateJoins[0]).toMatchObject({ canGrant: false, canRefuse: true });
    const grant = await grantLateJoin.as(sam.actor)({ id: lateJoinId });
    expect(grant).toMatchObject({ ok: true, data: { status: 'granted' } });
    // the requester hears of the decision
    expect(await h.prisma.notification.findMany({ where: { userId: maya.id, kind: 'train.late_join_decided' }, select: { title: true } })).toEqual([
      { title: expect.stringMatching(/^Sam Platform granted REL-\d+ a late join of Weekly web train/) },
    ]);
    const joined = await joinTrain.as(maya.actor)({ releaseKey: late, trainId, departureAt: DEPARTURE });
    expect(joined).toMatchObject({ ok: true, data: { late: true } });
    const audit = await h.prisma.auditEvent.findMany({ where: { action: { startsWith: 'train.late_join' } }, select: { action: true, actorId: true } });
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'train.late_join_request', actorId: maya.id },
        { action: 'train.late_join_grant', actorId: sam.id },
      ]),
    );
  });

  it('refuses or withdraws a late-join request', async () => {
    const key = await mayasRelease();
    const req = await requestLateJoin.as(maya.actor)({ releaseKey: key, trainId, departureAt: DEPARTURE, reason: 'Security fix that cannot wait a week.' });
    expect(req.ok).toBe(true);
    if (!req.ok) return;
    const withdrawn = await refuseLateJoin.as(maya.actor)({ id: req.data.id });
    expect(withdrawn).toMatchObject({ ok: true, data: { status: 'withdrawn' } });
    const again = await refuseLateJoin.as(pat.actor)({ id: req.data.id });
    expect(again.ok).toBe(false);
    // withdrawing tells nobody; a request by someone else tells the owner, a refusal tells the requester
    expect(await h.prisma.notification.count({ where: { kind: 'train.late_join_decided', userId: maya.id } })).toBe(1);
    const byPat = await requestLateJoin.as(pat.actor)({ releaseKey: key, trainId, departureAt: DEPARTURE, reason: 'The fix for the payment provider outage.' });
    expect(byPat.ok).toBe(true);
    if (!byPat.ok) return;
    expect(
      await h.prisma.notification.findFirst({ where: { userId: maya.id, kind: 'train.late_join_requested' }, select: { title: true, link: true } }),
    ).toEqual({
      title: expect.stringMatching(new RegExp(`^Pat Payments asks for ${key} to join Weekly web train .+ after its cut-off$`)),
      link: `/trains/${slug}`,
    });
    const refused = await refuseLateJoin.as(sam.actor)({ id: byPat.data.id });
    expect(refused).toMatchObject({ ok: true, data: { status: 'refused' } });
    expect(await h.prisma.notification.count({ where: { kind: 'train.late_join_decided', userId: pat.id } })).toBe(1);
  });

  it('leaves a departure', async () => {
    setClock({ at: '2026-06-10T08:00:00Z', frozen: true });
    const key = await mayasRelease();
    expect((await joinTrain.as(maya.actor)({ releaseKey: key, trainId, departureAt: '2026-06-23T09:00:00.000Z' })).ok).toBe(true);
    const left = await leaveTrain.as(maya.actor)({ releaseKey: key });
    expect(left).toMatchObject({ ok: true, data: { left: true } });
    expect((await getReleaseTrainPanel(maya.actor, key))?.seat).toBeNull();
    const none = await leaveTrain.as(maya.actor)({ releaseKey: key });
    expect(none).toMatchObject({ ok: true, data: { left: false } });
  });

  it('lists departures for other views', async () => {
    const list = await listDeparturesBetween(viewer.actor, new Date('2026-06-14T00:00:00Z'), new Date('2026-06-24T00:00:00Z'));
    const mine = list.filter((d) => d.trainId === trainId);
    expect(mine.map((d) => d.departureAt)).toEqual([DEPARTURE, '2026-06-23T09:00:00.000Z']);
    expect(mine[0]!.cutoffAt).toBe(CUTOFF);
    expect(mine[0]!.releaseIds).toHaveLength(2);
    expect(mine[1]!.releaseIds).toHaveLength(0);
  });

  it('ships a departure when its releases reach the target environments, and sums their metrics', async () => {
    // readiness before: neither release is approved, so their deployment gates fail
    const before = (await getTrainPage(maya.actor, slug))!.upcoming[0]!;
    expect(before.releases.map((r) => r.key).sort()).toEqual([early, late].sort());
    expect(before.releases.every((r) => r.ready === false && r.blockers.length > 0)).toBe(true);
    // the release's readiness, judged at the departure: not whether the viewer may deploy to a
    // protected environment, nor whether that instant falls in the release's own window
    expect(before.releases.flatMap((r) => r.blockers.map((b) => b.rule))).toContain('deploy.status');
    expect(before.releases.flatMap((r) => r.blockers.map((b) => b.rule)).filter((x) => x === 'deploy.window' || x === 'deploy.protected')).toEqual([]);
    expect(before.releases.find((r) => r.key === late)?.late).toBe(true);

    setClock({ at: '2026-06-16T12:00:00Z', frozen: true });
    const ids = await h.prisma.release.findMany({
      where: { number: { in: [early, late].map((k) => Number(k.slice(4))) } },
      select: { id: true, number: true },
    });
    const earlyId = ids.find((r) => releaseKey(r.number) === early)!.id;
    const lateId = ids.find((r) => releaseKey(r.number) === late)!.id;
    const at = new Date('2026-06-16T09:30:00Z');
    await h.prisma.deployment.create({
      data: { releaseId: earlyId, environmentId: env.id, status: 'failed', executedBy: 'ci', startedAt: at, finishedAt: at },
    });
    await h.prisma.deployment.create({
      data: { releaseId: earlyId, environmentId: env.id, status: 'succeeded', executedBy: 'ci', startedAt: at, finishedAt: at },
    });
    let page = (await getTrainPage(maya.actor, slug))!;
    expect(page.past[0]).toMatchObject({ departureAt: DEPARTURE, status: 'departed' });
    expect(page.past[0]!.metrics).toMatchObject({ releases: 2, shipped: 1, failedDeployments: 1 });

    await h.prisma.deployment.create({
      data: { releaseId: lateId, environmentId: env.id, status: 'succeeded', executedBy: 'ci', startedAt: at, finishedAt: at },
    });
    page = (await getTrainPage(maya.actor, slug))!;
    expect(page.past[0]).toMatchObject({ status: 'shipped', statusLabel: 'Shipped' });
    expect(page.past[0]!.metrics).toMatchObject({ releases: 2, shipped: 2, failedDeployments: 1, backouts: 0 });
    expect(page.past[0]!.metrics.text).toMatch(/^2 of 2 shipped, 1 failed deployment, 0 back-outs/);
    // the upcoming list now starts with the next Tuesday
    expect(page.upcoming[0]!.departureAt).toBe('2026-06-23T09:00:00.000Z');
  });

  it('edits a train (stale versions refused); stored departures keep their time', async () => {
    const page = (await getTrainPage(maya.actor, slug))!;
    const base = {
      id: trainId,
      name: page.name,
      rrule: 'FREQ=WEEKLY;BYDAY=WE;BYHOUR=10;BYMINUTE=0',
      timezone: 'Europe/London',
      cutoffHours: '48',
      environments: [env.name],
    };
    const res = await updateTrain.as(pat.actor)({ ...base, version: page.version });
    expect(res.ok).toBe(true);
    const stale = await updateTrain.as(pat.actor)({ ...base, cutoffHours: '12', version: page.version });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.code).toBe('stale');
    const after = (await getTrainPage(maya.actor, slug))!;
    expect(after.cadence).toBe('Every Wednesday at 10:00 (Europe/London)');
    expect(after.past[0]!.departureAt).toBe(DEPARTURE);
    expect(after.past[0]!.cutoffAt).toBe(CUTOFF);
  });

  it('lists the trains over the API (GET /api/v1/trains)', async () => {
    setClock({ at: '2026-06-10T08:00:00Z', frozen: true });
    const token = await makeApiToken(h.prisma, viewer.id, ['release.read']);
    const res = await getTrainsRoute(new Request('http://relm.test/api/v1/trains', { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { slug: string; environments: string[]; nextDeparture: { departureAt: string; releases: number } | null }[] };
    const mine = body.items.find((t) => t.slug === slug)!;
    expect(mine.environments).toEqual([env.name]);
    // edited above to Wednesdays at 10:00 London time: today, an hour from now
    expect(mine.nextDeparture?.departureAt).toBe('2026-06-10T09:00:00.000Z');
    const anonymous = await getTrainsRoute(new Request('http://relm.test/api/v1/trains'), { params: Promise.resolve({}) });
    expect(anonymous.status).toBe(401);
  });
});
