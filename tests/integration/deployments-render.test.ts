import { renderToString } from '@/tests/support/render';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeEnvironment, makeUser } from '../support/factories';
import { readyRelease } from './lifecycle-support';
import { releaseRefFor } from '../support/release-ref';
import { nowMs } from '@/lib/server/clock';

// Renders the deployments panel with real data and drives its server actions:
// the gate per environment, recording a deployment, marking it, and a
// verification with a bad link refused with the user's input kept.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { DeploymentsPanel } = await import('@/app/(app)/releases/[key]/_sections/deployments-panel');
const { recordDeploymentAction, updateDeploymentStatusAction, addVerificationAction } = await import('@/app/(app)/releases/[key]/deployment-actions');

let h: DbHandle;
let ops: Actor;
let viewer: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  ops = (await makeUser(h.prisma, ['operations'], { name: 'Olga Ops' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
});

afterAll(async () => {
  await h?.close();
});

const render = async (releaseKey: string) => await renderToString((await DeploymentsPanel({ release: await releaseRefFor(releaseKey), timezone: 'UTC' }))!);
const IDLE = { status: 'idle' as const };
function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}

describe('the deployments panel', () => {
  it('shows the gate, records a deployment, marks it and attaches verifications', async () => {
    const r = await readyRelease(h.prisma);
    const env = await makeEnvironment(h.prisma);
    await h.prisma.releaseEnvironment.create({
      data: { releaseId: r.id, environmentId: env.id, scheduledStart: new Date(nowMs() - 3_600_000), scheduledEnd: new Date(nowMs() + 3_600_000) },
    });
    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'approved' } });

    session.actor = ops;
    let html = await render(r.key);
    expect(html).toContain('id="deployments"');
    // approved, not scheduled: deploying is not the next step, so its checks are grey and folded away
    expect(html).not.toContain('Gate not met');
    expect(html).toContain('>Later<');
    expect(html).toContain('Deployment checks for later');
    expect(html).toContain('Schedule it first');
    expect(html).not.toContain('bg-red-100');
    // the rule code is in a details disclosure, not beside the sentence
    expect(html).toMatch(/<details[^>]*><summary[^>]*>Details<\/summary><p[^>]*>Rule <code[^>]*>deploy.status<\/code>/);
    // not deployable in this status: the gate says why, and no form is offered
    expect(html).not.toContain(`Record deployment to ${env.name}`);

    const refused = await recordDeploymentAction(IDLE, form({ releaseKey: r.key, environment: env.name, externalRef: 'run 7' }));
    expect(refused).toMatchObject({ status: 'error', message: expect.stringContaining('deploy.status'), values: { externalRef: 'run 7' } });

    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'scheduled' } });
    expect(await render(r.key)).toContain(`Record deployment to ${env.name}`);
    const ok = await recordDeploymentAction(IDLE, form({ releaseKey: r.key, environment: env.name, externalRef: 'run 7' }));
    expect(ok).toMatchObject({ status: 'ok' });
    const id = (ok.data as { id: string }).id;

    const bad = await addVerificationAction(
      IDLE,
      form({ releaseKey: r.key, deploymentId: id, name: 'smoke', status: 'passed', evidenceUrl: 'javascript:alert(1)' }),
    );
    expect(bad).toMatchObject({ status: 'error', fieldErrors: { evidenceUrl: [expect.any(String)] }, values: { name: 'smoke' } });
    expect(await addVerificationAction(IDLE, form({ releaseKey: r.key, deploymentId: id, name: 'smoke', status: 'passed', evidenceUrl: '' }))).toMatchObject({
      status: 'ok',
    });
    expect(await updateDeploymentStatusAction(IDLE, form({ releaseKey: r.key, id, status: 'succeeded' }))).toMatchObject({ status: 'ok' });

    html = await render(r.key);
    expect(html).toContain('Succeeded');
    expect(html).toContain('smoke');
    expect(html).toContain('run 7');
    expect(html).not.toContain('Mark succeeded');

    expect(html).not.toContain(`Record deployment to ${env.name}`);

    // succeeded there: the gate says so instead of "not met", with its checks folded away
    expect(html).toContain('>Deployed<');
    expect(html).toMatch(new RegExp(`Deployed to (<!-- -->)?${env.name}(<!-- -->)? on <time`));
    expect(html).not.toContain('Gate not met');

    session.actor = viewer;
    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'deploying' } });
    html = await render(r.key);
    expect(html).toContain('>Deployed<');
    expect(html).not.toContain('Record deployment to');
    expect(html).not.toContain('Add verification result');
  });

  it('shows when a window still ahead opens, with a countdown from the server clock; red only for what blocks the deployer', async () => {
    const r = await readyRelease(h.prisma);
    const env = await makeEnvironment(h.prisma);
    const opens = new Date(nowMs() + 2 * 3_600_000 + 14 * 60_000);
    await h.prisma.releaseEnvironment.create({
      data: { releaseId: r.id, environmentId: env.id, scheduledStart: opens, scheduledEnd: new Date(opens.getTime() + 3_600_000) },
    });
    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'scheduled' } });

    session.actor = ops;
    let html = await render(r.key);
    expect(html).toContain('Waiting for its window');
    expect(html).toMatch(new RegExp(`${env.name}(<!-- -->)?(&#x27;|')s window opens <time dateTime="${opens.toISOString()}"`));
    expect(html).toMatch(/in (<!-- -->)?2 h 14 min/);
    // the live region is silent until the window opens
    expect(html).toMatch(/<span role="status" aria-live="polite" class="sr-only"><\/span>/);
    expect(html).not.toContain('Gate not met');

    // a release without a window at all is blocked for the deployer: red, with advice that applies
    await h.prisma.releaseEnvironment.updateMany({ where: { releaseId: r.id }, data: { scheduledStart: null, scheduledEnd: null } });
    html = await render(r.key);
    expect(html).toContain('Gate not met');
    expect(html).toContain('bg-red-100');
    expect(html).toContain(`Give ${env.name} a window in the Schedule section.`);
    expect(html).not.toContain('freeze override');
    // …and grey for a viewer, who cannot deploy
    session.actor = viewer;
    html = await render(r.key);
    expect(html).toContain('Not met yet');
    expect(html).not.toContain('bg-red-100');
  });
});
