import { renderToString } from '@/tests/support/render';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeUser } from '../support/factories';
import { policyDocument, savePolicy } from './approvals-support';
import { backoutScene, deployedScene } from './backout-support';
import { releaseRefFor } from '../support/release-ref';

// Renders the back-out panel with real data and drives its server actions.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { BackoutPanel } = await import('@/app/(app)/releases/[key]/_sections/backout-panel');
const { saveBackoutPlanAction, recordRehearsalAction, executeBackoutAction } = await import('@/app/(app)/releases/[key]/backout-actions');

let h: DbHandle;
let rm: Actor;
let ops: Actor;
let viewer: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  ops = (await makeUser(h.prisma, ['operations'], { name: 'Otto Ops' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
  await savePolicy(h.prisma, policyDocument());
});

afterAll(async () => {
  await h?.close();
});

const render = async (releaseKey: string) => await renderToString((await BackoutPanel({ release: await releaseRefFor(releaseKey), timezone: 'UTC' }))!);
const IDLE = { status: 'idle' as const };

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of [v].flat()) f.append(k, x);
  return f;
}

describe('BackoutPanel', () => {
  it('offers the plan form with what runs now, saves it (dropping blank rows) and records a rehearsal', async () => {
    const s = await backoutScene(h.prisma);
    session.actor = rm;
    const html = await render(s.key);
    expect(html).toContain('id="backout"');
    expect(html).toContain('Write the back-out plan');
    expect(html).toContain('Currently running: 1.0.0');
    expect(html).toContain('No back-out plan yet');

    const refused = await saveBackoutPlanAction(
      IDLE,
      form({
        releaseKey: s.key,
        version: String(s.version),
        expectedDurationMinutes: '20',
        triggerCriteria: '',
        stepDescription: ['Redeploy', ''],
        stepMinutes: ['10', ''],
        targetComponent: [s.component.name],
        targetBuild: [''],
      }),
    );
    expect(refused.status).toBe('error');
    expect(refused.fieldErrors!.triggerCriteria).toBeDefined();
    expect(refused.values!.stepDescription).toEqual(['Redeploy']);

    const ok = await saveBackoutPlanAction(
      IDLE,
      form({
        releaseKey: s.key,
        version: String(s.version),
        expectedDurationMinutes: '20',
        triggerCriteria: 'Errors above 2%',
        stepDescription: ['Redeploy', '', 'Check'],
        stepMinutes: ['10', '', '5'],
        targetComponent: [s.component.name],
        targetBuild: [''],
      }),
    );
    expect(ok).toMatchObject({ status: 'ok' });
    expect(await h.prisma.backoutStep.count({ where: { plan: { releaseId: s.id } } })).toBe(2);

    const rehearsal = await recordRehearsalAction(IDLE, form({ releaseKey: s.key, at: '2026-01-10', result: 'failed', notes: 'DB restore too slow' }));
    expect(rehearsal).toMatchObject({ status: 'ok' });
    const after = await render(s.key);
    expect(after).toContain('Errors above 2%');
    expect(after).toContain('Edit the back-out plan');
    expect(after).toContain('DB restore too slow');
    expect(after).not.toContain('Execute back-out');

    session.actor = viewer;
    const readOnly = await render(s.key);
    expect(readOnly).toContain('Errors above 2%');
    expect(readOnly).not.toContain('Edit the back-out plan');
  });

  it('offers “Execute back-out” after a failed deployment, requires confirmation, then records it', async () => {
    const s = await deployedScene(h.prisma);
    session.actor = ops;
    const html = await render(s.key);
    expect(html).toContain(`The deployment to ${s.env.name} failed: back out?`);
    expect(html).toContain('Execute back-out');

    const unconfirmed = await executeBackoutAction(IDLE, form({ releaseKey: s.key, environment: s.env.name, reason: 'Errors' }));
    expect(unconfirmed).toMatchObject({ status: 'error', fieldErrors: { confirm: ['Tick the box to confirm.'] } });
    const ok = await executeBackoutAction(IDLE, form({ releaseKey: s.key, environment: s.env.name, reason: 'Errors', confirm: 'yes' }));
    expect(ok).toMatchObject({ status: 'ok' });
    expect((await h.prisma.release.findUniqueOrThrow({ where: { id: s.id } })).status).toBe('rolled_back');
    const after = await render(s.key);
    expect(after).toContain('Backed out');
    expect(after).not.toContain('failed: back out?');

    // a release manager sees the panel but is told who may execute it
    const s2 = await deployedScene(h.prisma);
    session.actor = rm;
    expect(await render(s2.key)).toContain('ask operations to execute it');
    // someone who may not execute it is refused before the confirmation box is judged
    const refused = await executeBackoutAction(IDLE, form({ releaseKey: s2.key, environment: s2.env.name, reason: 'Errors' }));
    expect(refused.status).toBe('error');
    expect(refused.message).toMatch(/^You may not/);
    expect(refused.fieldErrors).toBeUndefined();
  });
});
