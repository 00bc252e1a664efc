import { renderToString } from '@/tests/support/render';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeEnvironment, makeRelease, makeUser } from '../support/factories';
import { releaseRefFor } from '../support/release-ref';
import { releaseKey } from '@/lib/domain/release-key';

// Renders the handover, review and metrics panels with real data and drives
// their server actions, so a panel that would crash or show the wrong form fails here.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { HandoverPanel } = await import('@/app/(app)/releases/[key]/_sections/handover-panel');
const { ReviewPanel } = await import('@/app/(app)/releases/[key]/_sections/review-panel');
const { MetricsPanel } = await import('@/app/(app)/releases/[key]/_sections/metrics-panel');
const { saveHandoverAction, acknowledgeHandoverAction, sendBackHandoverAction } = await import('@/app/(app)/releases/[key]/handover-actions');
const { saveReviewAction, addActionItemAction, updateMyActionItemStatusAction } = await import('@/app/(app)/releases/[key]/review-actions');

let h: DbHandle;
let rm: Actor;
let ops: Actor;
let viewer: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  ops = (await makeUser(h.prisma, ['operations'], { name: 'Oscar Ops' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'], { name: 'Vera Viewer' })).actor;
});

afterAll(async () => {
  await h?.close();
});

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

async function deployed() {
  const r = await makeRelease(h.prisma, { ownerId: rm.id! });
  await h.prisma.release.update({ where: { id: r.id }, data: { status: 'deployed' } });
  return releaseKey(r.number);
}

const IDLE = { status: 'idle' as const };
const html_ = async (el: Parameters<typeof renderToString>[0]) => (await renderToString(el)).replace(/<!-- -->/g, '');

describe('HandoverPanel', () => {
  it('offers the form to release managers, acknowledge / send back to operations, and nothing to viewers', async () => {
    const key = await deployed();
    session.actor = rm;
    let html = await html_((await HandoverPanel({ release: await releaseRefFor(key), timezone: 'UTC' }))!);
    expect(html).toContain('id="handover"');
    expect(html).toContain('Prepare the handover notes');
    expect(html).toContain('Save and mark ready for operations');

    const refused = await saveHandoverAction(
      IDLE,
      form({ releaseKey: key, whatChanged: 'New checkout', runbook: '', monitoring: 'Dash', supportContacts: 'x', intent: 'ready' }),
    );
    expect(refused.status).toBe('error');
    expect(refused.fieldErrors?.runbook).toBeTruthy();
    expect(refused.values?.whatChanged).toBe('New checkout');
    const ok = await saveHandoverAction(
      IDLE,
      form({ releaseKey: key, whatChanged: 'New checkout', runbook: 'Restart it', monitoring: 'Dash', supportContacts: 'x', intent: 'ready' }),
    );
    expect(ok).toMatchObject({ status: 'ok', message: 'Saved the handover notes and marked them ready for operations.' });

    session.actor = ops;
    html = await html_((await HandoverPanel({ release: await releaseRefFor(key), timezone: 'UTC' }))!);
    expect(html).toContain('Acknowledge the handover');
    expect(html).toContain('Send back with questions');
    expect(html).not.toContain('Save and mark ready');
    expect((await sendBackHandoverAction(IDLE, form({ releaseKey: key, questions: '' }))).status).toBe('error');
    expect((await sendBackHandoverAction(IDLE, form({ releaseKey: key, questions: 'Which alert?' }))).status).toBe('ok');

    session.actor = rm;
    html = await html_((await HandoverPanel({ release: await releaseRefFor(key), timezone: 'UTC' }))!);
    expect(html).toContain('Questions from operations');
    expect(html).toContain('Which alert?');
    await saveHandoverAction(
      IDLE,
      form({ releaseKey: key, whatChanged: 'New checkout', runbook: 'Restart it', monitoring: 'Alert checkout-errors', supportContacts: 'x', intent: 'ready' }),
    );

    session.actor = ops;
    expect((await acknowledgeHandoverAction(IDLE, form({ releaseKey: key }))).status).toBe('ok');
    session.actor = viewer;
    html = await html_((await HandoverPanel({ release: await releaseRefFor(key), timezone: 'UTC' }))!);
    expect(html).toContain('Acknowledged by Oscar Ops');
    expect(html).not.toContain('<form');
  });
});

describe('ReviewPanel', () => {
  it('shows why a review is required, saves it, and lets the owner move their action item', async () => {
    const key = await deployed();
    await h.prisma.release.update({ where: { number: Number(key.slice(4)) }, data: { type: 'emergency' } });
    session.actor = rm;
    let html = await html_((await ReviewPanel({ release: await releaseRefFor(key), timezone: 'UTC' }))!);
    expect(html).toContain('id="review"');
    expect(html).toContain('Required because it is an emergency release');
    expect(html).toContain('Save and complete the review');

    const incomplete = await saveReviewAction(IDLE, form({ releaseKey: key, outcome: '', intent: 'complete' }));
    expect(incomplete.status).toBe('error');
    const done = await saveReviewAction(
      IDLE,
      form({ releaseKey: key, outcome: 'successful', objectivesMet: 'yes', wentWell: 'Fast', wentBadly: 'Nothing', intent: 'complete' }),
    );
    expect(done).toMatchObject({ status: 'ok', message: 'Saved and completed the post-release review.' });
    const added = await addActionItemAction(IDLE, form({ releaseKey: key, title: 'Write a runbook', ownerId: viewer.id!, dueDate: '2030-05-01' }));
    expect(added.status).toBe('ok');

    session.actor = viewer;
    html = await html_((await ReviewPanel({ release: await releaseRefFor(key), timezone: 'UTC' }))!);
    expect(html).toContain('Complete');
    expect(html).toContain('Write a runbook');
    expect(html).toContain('Mark done');
    expect(html).not.toContain('Save and complete the review');
    const item = await h.prisma.reviewActionItem.findFirstOrThrow({ where: { ownerId: viewer.id! } });
    expect(await updateMyActionItemStatusAction(IDLE, form({ releaseKey: key, itemId: item.id, status: 'done' }))).toMatchObject({ status: 'ok' });
    session.actor = ops;
    expect((await updateMyActionItemStatusAction(IDLE, form({ releaseKey: key, itemId: item.id, status: 'open' }))).status).toBe('error');
  });
});

describe('MetricsPanel', () => {
  it('renders bars with text values, and says what is missing', async () => {
    const key = await deployed();
    session.actor = viewer;
    let html = await html_((await MetricsPanel({ release: await releaseRefFor(key) }))!);
    expect(html).toContain('id="metrics"');
    expect(html).toContain('No deployments recorded yet.');

    const id = (await h.prisma.release.findUniqueOrThrow({ where: { number: Number(key.slice(4)) } })).id;
    const env = await makeEnvironment(h.prisma);
    await h.prisma.release.update({ where: { id }, data: { plannedStart: new Date('2026-03-02T10:00:00Z'), plannedEnd: new Date('2026-03-02T12:00:00Z') } });
    await h.prisma.deployment.create({
      data: {
        releaseId: id,
        environmentId: env.id,
        status: 'succeeded',
        executedBy: 'ci',
        startedAt: new Date('2026-03-02T10:00:00Z'),
        finishedAt: new Date('2026-03-02T10:45:00Z'),
      },
    });
    await h.prisma.deployment.create({
      data: {
        releaseId: id,
        environmentId: env.id,
        kind: 'backout',
        status: 'succeeded',
        executedBy: 'ci',
        startedAt: new Date('2026-03-02T11:00:00Z'),
        finishedAt: new Date('2026-03-02T11:10:00Z'),
      },
    });
    html = await html_((await MetricsPanel({ release: await releaseRefFor(key) }))!);
    expect(html).toContain('45 min');
    expect(html).toContain('Back-out · ');
    expect(html).toContain('Planned against actual window');
    expect(html).toMatch(/Back-outs<\/dt><dd[^>]*>1</);
  });
});
