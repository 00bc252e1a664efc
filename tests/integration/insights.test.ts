import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { GET as doraRoute } from '@/app/api/v1/metrics/dora/route';
import { GET as openApiRoute } from '@/app/api/v1/openapi.json/route';
import { CSV_BOM } from '@/lib/domain/csv';
import { DORA_DEFINITIONS } from '@/lib/domain/dora';
import { exportInsightsCsv, getDeliveryMetrics, getInsightsPage, INSIGHTS_CSV_HEADER } from '@/lib/server/insights';
import { Refusal } from '@/lib/server/errors';
import { digest, makeApiToken, makeUser, uid, uniqueInt } from '../support/factories';
import { withClockAt } from '../support/clock';
import { actorsWith, withFreshDatabase } from '../support/suite';
import { parseCsv } from '../support/csv';

// Delivery metrics (docs/decisions/043-delivery-metrics.md): a small history built row by row,
// each figure compared with a value worked out by hand below.

const H = 3_600_000;
const d = (iso: string) => new Date(iso);

let h: DbHandle;
let viewer: Actor;
let nobody: Actor;
let teamSlug: string;
let otherTeamSlug: string;
let c1: string;
let stagingName: string;
let token: string;

withClockAt('2026-06-10T08:00:00Z', { frozen: true });

withFreshDatabase(async (db) => {
  h = db;
  [viewer, nobody] = await actorsWith(db, ['viewer'], []);
  token = await makeApiToken(db.prisma, viewer.id!, ['release.read'], { namePrefix: 'insights' });
  const tag = uid();
  const team = await db.prisma.team.create({ data: { slug: `ins-${tag}`, name: `Insights ${tag}` } });
  const other = await db.prisma.team.create({ data: { slug: `other-${tag}`, name: `Other ${tag}` } });
  teamSlug = team.slug;
  otherTeamSlug = other.slug;
  const owner = await makeUser(db.prisma, ['release_manager'], { teamId: team.id });
  const outsider = await makeUser(db.prisma, ['release_manager'], { teamId: other.id });
  const prod = await db.prisma.environment.create({ data: { name: `prod-${tag}`, displayName: 'Prod', tier: 'production', position: uniqueInt() } });
  const staging = await db.prisma.environment.create({ data: { name: `stg-${tag}`, displayName: 'Stg', tier: 'staging', position: uniqueInt() } });
  stagingName = staging.name;
  const comp1 = await db.prisma.component.create({ data: { name: `svc-a-${tag}`, ownerTeamId: team.id } });
  const comp2 = await db.prisma.component.create({ data: { name: `svc-b-${tag}`, ownerTeamId: team.id } });
  c1 = comp1.name;

  let n = 0;
  async function release(o: {
    owner?: string;
    component: string;
    builtAt: string | null;
    createdAt?: string;
    window?: [string, string];
    env?: string;
    submitted?: [string, string];
    review?: 'successful' | 'failed';
    deployments: { kind?: 'deploy' | 'backout'; status: 'succeeded' | 'failed' | 'rolled_back'; env?: string; start: string; end: string }[];
  }) {
    const r = await db.prisma.release.create({
      data: { title: `History ${tag} ${++n}`, type: 'normal', status: 'closed', ownerId: o.owner ?? owner.id, requesterId: o.owner ?? owner.id },
    });
    const build = await db.prisma.build.create({
      data: {
        componentId: o.component,
        version: `1.${uniqueInt()}.0`,
        artifactDigest: digest(),
        producedBy: 'ci',
        builtAt: o.builtAt ? d(o.builtAt) : null,
        ...(o.createdAt ? { createdAt: d(o.createdAt) } : {}),
      },
    });
    const pkg = await db.prisma.releasePackage.create({ data: { releaseId: r.id } });
    await db.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: o.component, buildId: build.id } });
    await db.prisma.releaseEnvironment.create({
      data: {
        releaseId: r.id,
        environmentId: o.env ?? prod.id,
        scheduledStart: o.window ? d(o.window[0]) : null,
        scheduledEnd: o.window ? d(o.window[1]) : null,
      },
    });
    if (o.submitted) {
      await db.prisma.releaseTransition.createMany({
        data: [
          { releaseId: r.id, fromStatus: 'draft', toStatus: 'submitted', at: d(o.submitted[0]) },
          { releaseId: r.id, fromStatus: 'submitted', toStatus: 'approved', at: d(o.submitted[1]) },
        ],
      });
    }
    if (o.review) await db.prisma.postReleaseReview.create({ data: { releaseId: r.id, requiredReasons: [], outcome: o.review } });
    for (const x of o.deployments) {
      await db.prisma.deployment.create({
        data: {
          releaseId: r.id,
          environmentId: x.env ?? prod.id,
          kind: x.kind ?? 'deploy',
          status: x.status,
          executedBy: 'pipeline',
          startedAt: d(x.start),
          finishedAt: d(x.end),
        },
      });
    }
  }

  // ---- this period, 2026-05-04 to 2026-05-31
  // R1: built 05-01 08:00, deployed 05-05 09:00–10:00 inside its window 09:00–11:00; waited 4 h for approval
  await release({
    component: comp1.id,
    builtAt: '2026-05-01T08:00:00Z',
    window: ['2026-05-05T09:00:00Z', '2026-05-05T11:00:00Z'],
    submitted: ['2026-04-30T08:00:00Z', '2026-04-30T12:00:00Z'],
    deployments: [{ status: 'succeeded', start: '2026-05-05T09:00:00Z', end: '2026-05-05T10:00:00Z' }],
  });
  // R2: built 05-10; failed 05-12 10:00–11:00, retried 12:00–13:00 (restored after 2 h), past its window's end (12:30); waited 2 h
  await release({
    component: comp2.id,
    builtAt: '2026-05-10T00:00:00Z',
    window: ['2026-05-12T10:00:00Z', '2026-05-12T12:30:00Z'],
    submitted: ['2026-05-11T00:00:00Z', '2026-05-11T02:00:00Z'],
    review: 'successful',
    deployments: [
      { status: 'failed', start: '2026-05-12T10:00:00Z', end: '2026-05-12T11:00:00Z' },
      { status: 'succeeded', start: '2026-05-12T12:00:00Z', end: '2026-05-12T13:00:00Z' },
    ],
  });
  // R3: no builtAt (recorded 05-18), deployed 05-20 08:00–09:00, backed out 09:30–10:00 (restored after 1 h); no window, never submitted
  await release({
    component: comp1.id,
    builtAt: null,
    createdAt: '2026-05-18T00:00:00Z',
    deployments: [
      { status: 'succeeded', start: '2026-05-20T08:00:00Z', end: '2026-05-20T09:00:00Z' },
      { kind: 'backout', status: 'succeeded', start: '2026-05-20T09:30:00Z', end: '2026-05-20T10:00:00Z' },
    ],
  });
  // R4: staging only (not production tier)
  await release({
    component: comp1.id,
    builtAt: '2026-05-01T00:00:00Z',
    env: staging.id,
    deployments: [{ status: 'succeeded', env: staging.id, start: '2026-05-06T09:00:00Z', end: '2026-05-06T09:30:00Z' }],
  });
  // R5: another team's, failed in review
  await release({
    owner: outsider.id,
    component: comp1.id,
    builtAt: '2026-05-01T00:00:00Z',
    review: 'failed',
    deployments: [{ status: 'succeeded', start: '2026-05-07T09:00:00Z', end: '2026-05-07T10:00:00Z' }],
  });
  // ---- the previous period, 2026-04-06 to 2026-05-03
  // R6: built 04-01, deployed 04-10 10:00–11:00 inside 09:00–12:00; waited 24 h
  await release({
    component: comp1.id,
    builtAt: '2026-04-01T00:00:00Z',
    window: ['2026-04-10T09:00:00Z', '2026-04-10T12:00:00Z'],
    submitted: ['2026-04-08T00:00:00Z', '2026-04-09T00:00:00Z'],
    deployments: [{ status: 'succeeded', start: '2026-04-10T10:00:00Z', end: '2026-04-10T11:00:00Z' }],
  });
});

const PERIOD = { from: '2026-05-04', to: '2026-05-31' };
const fig = (m: Awaited<ReturnType<typeof getDeliveryMetrics>>, key: string) => m.figures.find((f) => f.key === key)!;

describe('getDeliveryMetrics', () => {
  it('computes the four keys, approval wait and schedule adherence as worked out by hand', async () => {
    const m = await getDeliveryMetrics(viewer, { ...PERIOD, team: teamSlug });
    expect(m.period).toEqual({ from: '2026-05-04', to: '2026-05-31', days: 28, weeks: null });
    expect(m.previousPeriod).toEqual({ from: '2026-04-06', to: '2026-05-03' });
    // R1, R2's retry, R3: 3 in 4 weeks
    expect(m.current.deployments).toBe(3);
    expect(m.current.deploymentFrequency).toBe(0.75);
    // lead times 98 h (R1), 61 h (R2), 57 h (R3, from the build's recording)
    expect(m.current.leadTimeMedianMs).toBe(61 * H);
    // finished: R1, R2 failed, R2 retry, R3; failures: R2's failed one and R3 (backed out)
    expect([m.current.finished, m.current.failures, m.current.changeFailureRate]).toEqual([4, 2, 0.5]);
    expect(m.failures.map((f) => [f.reason, f.restoreMs])).toEqual([
      ['failed', 2 * H],
      ['backed_out', H],
    ]);
    expect(m.current.timeToRestoreMedianMs).toBe(1.5 * H);
    // R1 4 h, R2 2 h (R3 was never submitted)
    expect(m.current.approvalWaitMedianMs).toBe(3 * H);
    expect(m.current.approvalWaitCount).toBe(2);
    // R1 inside its window, R2's retry finished after its end, R3 had none
    expect([m.current.withWindow, m.current.keptToWindow, m.current.scheduleAdherence]).toEqual([2, 1, 0.5]);
    expect(fig(m, 'changeFailureRate').definition).toBe(DORA_DEFINITIONS.changeFailureRate.definition);
    expect(fig(m, 'deploymentFrequency').text).toBe('0.8 per week');
    expect(fig(m, 'leadTime').text).toBe('2 d 13 h');
  });

  it('compares every figure with the previous period of equal length, in words', async () => {
    const m = await getDeliveryMetrics(viewer, { ...PERIOD, team: teamSlug });
    // previous: R6 only: 1 deployment, lead 9 d 11 h, no failures, waited 24 h, kept to its window
    expect(m.previous.deployments).toBe(1);
    expect(m.previous.leadTimeMedianMs).toBe(227 * H);
    expect(m.previous.changeFailureRate).toBe(0);
    expect(m.previous.approvalWaitMedianMs).toBe(24 * H);
    expect(m.previous.scheduleAdherence).toBe(1);
    const verdicts = Object.fromEntries(m.figures.map((f) => [f.key, [f.comparison.direction, f.comparison.verdict]]));
    expect(verdicts).toEqual({
      deploymentFrequency: ['up', 'better'],
      leadTime: ['down', 'better'],
      changeFailureRate: ['up', 'worse'],
      timeToRestore: ['unknown', 'unknown'],
      approvalWait: ['down', 'better'],
      scheduleAdherence: ['down', 'worse'],
    });
    expect(fig(m, 'changeFailureRate').comparison.text).toBe('Up 50 percentage points from 0% in the previous period: worse.');
  });

  it('gives the weekly trend and the lead time distribution', async () => {
    const m = await getDeliveryMetrics(viewer, { ...PERIOD, team: teamSlug });
    expect(m.weekly.map((w) => [w.week, w.deployments])).toEqual([
      ['2026-05-04', 1],
      ['2026-05-11', 1],
      ['2026-05-18', 1],
      ['2026-05-25', 0],
    ]);
    expect(m.weekly[1]!.changeFailureRate).toBe(50);
    expect(m.weekly[2]!.timeToRestoreHours).toBe(1);
    // 57 h and 61 h are 2–3 days; 98 h is 4 days
    expect(m.leadTimeDistribution.map((b) => b.deployments)).toEqual([0, 2, 1, 0, 0, 0]);
  });

  it('filters by component, environment and team', async () => {
    const byComponent = await getDeliveryMetrics(viewer, { ...PERIOD, team: teamSlug, component: c1 });
    expect(byComponent.current.deployments).toBe(2); // R1, R3
    const staging = await getDeliveryMetrics(viewer, { ...PERIOD, team: teamSlug, environment: stagingName });
    expect(staging.environments).toEqual([stagingName]);
    expect(staging.current.deployments).toBe(1); // R4
    const other = await getDeliveryMetrics(viewer, { ...PERIOD, team: otherTeamSlug });
    // R5: succeeded, but its review says it failed; nothing restored it
    expect([other.current.deployments, other.current.failures, other.current.notRestored]).toEqual([1, 1, 1]);
    expect(other.failures[0]!.reason).toBe('review_failed');
    const everyone = await getDeliveryMetrics(viewer, PERIOD);
    expect(everyone.current.deployments).toBe(4);
  });

  it('refuses unknown names and callers without release.read; the page drops an unknown filter with a note', async () => {
    await expect(getDeliveryMetrics(viewer, { team: 'no-such-team' })).rejects.toThrow(Refusal);
    await expect(getDeliveryMetrics(nobody, {})).rejects.toMatchObject({ code: 'forbidden' });
    const page = await getInsightsPage(viewer, { team: 'no-such-team', period: '4' });
    expect(page.filters.team).toBeNull();
    expect(page.notes[0]).toMatch(/no team “no-such-team”/);
    expect(page.period).toMatchObject({ to: '2026-06-10', days: 28, weeks: 4 });
    const custom = await getInsightsPage(viewer, { period: 'custom', from: PERIOD.from, to: PERIOD.to, team: teamSlug });
    expect(custom.current.deployments).toBe(3);
  });
});

describe('GET /api/v1/metrics/dora', () => {
  const call = (query: string, auth: string | null = token) =>
    doraRoute(new Request(`http://relm.test/api/v1/metrics/dora${query}`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} }), {
      params: Promise.resolve({}) as Promise<Record<string, never>>,
    });

  it('answers the figures for a token with release.read', async () => {
    const res = await call(`?from=${PERIOD.from}&to=${PERIOD.to}&team=${teamSlug}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.current.deployments).toBe(3);
    expect(body.figures.map((f: { key: string }) => f.key)).toEqual([
      'deploymentFrequency',
      'leadTime',
      'changeFailureRate',
      'timeToRestore',
      'approvalWait',
      'scheduleAdherence',
    ]);
    expect(body.figures[2].definition).toMatch(/backed out/);
  });

  it('answers 400 with a clear message for bad input, 401 without a token', async () => {
    const bad = await call('?from=2026-13-01&weeks=5&surprise=1');
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe('invalid');
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(expect.arrayContaining(['from', 'weeks']));
    const reversed = await (await call('?from=2026-05-31&to=2026-05-01')).json();
    expect(reversed.error.fieldErrors.to).toEqual(['The period ends before it starts.']);
    const unknown = await call('?team=no-such-team');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toMatch(/no team/);
    expect((await call('', null)).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await (
      await openApiRoute(new Request('http://relm.test/api/v1/openapi.json'), { params: Promise.resolve({}) as Promise<Record<string, never>> })
    ).json();
    const op = doc.paths['/api/v1/metrics/dora'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['component', 'environment', 'from', 'team', 'to', 'weeks']);
  });
});

describe('CSV export', () => {
  it('exports this period, the previous one and each week, and records itself', async () => {
    const meta = { requestId: 'req-insights', ip: '192.0.2.9' };
    const out = await exportInsightsCsv(viewer, { period: 'custom', ...PERIOD, team: teamSlug }, meta);
    expect(out.body.startsWith(CSV_BOM)).toBe(true);
    const [header, ...rows] = parseCsv(out.body.slice(CSV_BOM.length));
    expect(header).toEqual([...INSIGHTS_CSV_HEADER]);
    expect(rows[0]!.slice(0, 4)).toEqual(['period', '2026-05-04', '2026-05-31', '3']);
    expect(rows[0]![9]).toBe('50');
    expect(rows[1]!.slice(0, 4)).toEqual(['previous period', '2026-04-06', '2026-05-03', '1']);
    expect(rows.filter((r) => r[0] === 'week')).toHaveLength(4);
    expect(rows.some((r) => r[0] === 'definition: Change failure rate')).toBe(true);
    const event = await h.prisma.auditEvent.findFirst({ where: { action: 'insights.export' }, orderBy: { seq: 'desc' } });
    expect(event?.after).toMatchObject({ filters: { from: '2026-05-04', to: '2026-05-31', team: teamSlug }, rows: 6 });
    await expect(exportInsightsCsv(nobody, {}, meta)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
