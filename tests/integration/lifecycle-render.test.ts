import { renderToString } from '@/tests/support/render';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeEnvironment, makeRelease, makeUser } from '../support/factories';
import { nowMs } from '@/lib/server/clock';
import { readyRelease } from './lifecycle-support';
import { releaseRefFor } from '../support/release-ref';
import { releaseKey } from '@/lib/domain/release-key';
import { setTestLocale } from '@/tests/support/intl-config';

// Renders the lifecycle panel with real data and drives its server action, so a
// panel that would crash, or a button shown enabled against its gates, fails here.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { LifecyclePanel } = await import('@/app/(app)/releases/[key]/_sections/lifecycle-panel');
const { transitionReleaseAction } = await import('@/app/(app)/releases/[key]/lifecycle-actions');

let h: DbHandle;
let rm: Actor;
let viewer: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'])).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
});

afterAll(async () => {
  await h?.close();
});

const render = async (releaseKey: string) => await renderToString((await LifecyclePanel({ release: await releaseRefFor(releaseKey) }))!);

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

describe('LifecyclePanel', () => {
  it('shows each transition with its gates before the click, and disables a blocked one', async () => {
    session.actor = rm;
    const r = await makeRelease(h.prisma, { ownerId: rm.id! });
    await h.prisma.planTask.create({ data: { releaseId: r.id, name: 'Run smoke tests', estimateMinutes: 5 } });
    const html = await render(releaseKey(r.number));
    expect(html).toContain('Submit for approval');
    expect(html).toContain('5 of 7 gates not met');
    expect(html).toContain('1 of 1 plan task has no owner: Run smoke tests.');
    expect(html).toContain('Not met: ');
    // submitting is this manager's next step: its unmet gates are red, the met ones folded away
    expect(html).toContain('bg-red-100');
    expect(html).toMatch(/<summary[^>]*>2 checks passed<\/summary>/);
    // rule codes sit in a details disclosure, not after the sentence
    expect(html).toMatch(/<summary[^>]*>Details<\/summary><p[^>]*>Rule <code[^>]*>package.sealed<\/code>/);
    expect(html).not.toMatch(/<\/p>\s*<code|\.\s*<code/);
    expect(html).toMatch(/<button[^>]*disabled[^>]*>Submit for approval<\/button>/);
    expect(html).toMatch(/Cancel release(<!-- -->)?…/);
  });

  it('enables submit when every gate is met, and tells a viewer who may act', async () => {
    const r = await readyRelease(h.prisma, { ownerId: rm.id! });
    session.actor = rm;
    const html = await render(r.key);
    expect(html).toContain('All gates met');
    expect(html).toMatch(/<button type="submit"[^>]*>Submit for approval<\/button>/);
    session.actor = viewer;
    const seen = await render(r.key);
    expect(seen).toContain('only a release manager can move');
    expect(seen).not.toContain('type="submit"');
  });

  it("keeps a viewer's view grey, waits for approvers, and counts down to the window", async () => {
    const r = await makeRelease(h.prisma, { ownerId: rm.id! });
    session.actor = viewer;
    let html = await render(releaseKey(r.number));
    expect(html).toContain('gates not met');
    expect(html).not.toContain('bg-red-100');
    expect(html).not.toContain('text-red-800');

    // submitted: approving and rejecting wait for approvers, nothing for the manager to fix
    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'submitted' } });
    session.actor = rm;
    html = await render(releaseKey(r.number));
    expect(html).toContain('Waiting for approvers');
    expect(html).toContain('Only if an approver rejects it');
    expect(html).not.toContain('bg-red-100');

    // scheduled, its window still ahead: when it opens, and a countdown from the server clock
    const env = await makeEnvironment(h.prisma);
    const opens = new Date(nowMs() + 26 * 3_600_000);
    await h.prisma.releaseEnvironment.create({
      data: { releaseId: r.id, environmentId: env.id, scheduledStart: opens, scheduledEnd: new Date(opens.getTime() + 3_600_000) },
    });
    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'scheduled' } });
    html = await render(releaseKey(r.number));
    expect(html).toContain('Waiting for the window');
    expect(html).toMatch(new RegExp(`window opens <time dateTime="${opens.toISOString()}"`));
    expect(html).toMatch(/in (<!-- -->)?1 day 2 h/);
    expect(html).toMatch(/<span role="status" aria-live="polite" class="sr-only"><\/span>/);
    // no freeze applies: the advice does not offer a freeze override
    expect(html).not.toContain('freeze override');
  });

  it('says a finished release cannot move', async () => {
    session.actor = rm;
    const r = await makeRelease(h.prisma, { ownerId: rm.id! });
    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'closed' } });
    expect(await render(releaseKey(r.number))).toContain('its lifecycle is finished');
  });

  it('heads each step in French with the French verb and status word, and sends the status key', async () => {
    const r = await readyRelease(h.prisma, { ownerId: rm.id! });
    session.actor = rm;
    setTestLocale('fr');
    try {
      const html = (await render(r.key)).replace(/<!-- -->/g, '');
      expect(html).toMatch(/<h3[^>]*>Soumettre pour approbation <span[^>]*>→ soumise<\/span><\/h3>/);
      expect(html).toMatch(/<h3[^>]*>Annuler la mise en production <span[^>]*>→ annulée<\/span><\/h3>/);
      expect(html).toMatch(/<button type="submit"[^>]*>Soumettre pour approbation<\/button>/);
      expect(html).toContain('name="to" value="submitted"');
      for (const english of ['Submit for approval', '→ submitted', 'Cancel release', '→ cancelled']) expect(html).not.toContain(english);
      const closed = await makeRelease(h.prisma, { ownerId: rm.id! });
      await h.prisma.release.update({ where: { id: closed.id }, data: { status: 'closed' } });
      expect(await render(releaseKey(closed.number))).toContain(`${releaseKey(closed.number)} est clôturée`);
    } finally {
      setTestLocale('en');
    }
  });
});

describe('transitionReleaseAction', () => {
  it('returns the refused gates, keeps the reason, and reports success', async () => {
    session.actor = rm;
    const r = await makeRelease(h.prisma, { ownerId: rm.id! });
    const key = releaseKey(r.number);
    const refused = await transitionReleaseAction({ status: 'idle' }, form({ releaseKey: key, to: 'submitted', version: String(r.version) }));
    expect(refused.status).toBe('error');
    expect(refused.data?.gates?.some((g) => g.rule === 'package.sealed' && !g.passed)).toBe(true);
    const noReason = await transitionReleaseAction({ status: 'idle' }, form({ releaseKey: key, to: 'cancelled', version: String(r.version), reason: '' }));
    expect(noReason.fieldErrors?.reason?.[0]).toMatch(/Say why/);
    const ok = await transitionReleaseAction({ status: 'idle' }, form({ releaseKey: key, to: 'cancelled', version: String(r.version), reason: 'Not needed' }));
    expect(ok).toMatchObject({ status: 'ok', message: `${key} is now cancelled.` });
  });
});
