import { describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { digest, makeComponent, makeTeam, uid } from '../support/factories';
import { actorsWith, withFreshDatabase } from '../support/suite';

// The form actions of /components and /builds, driven with FormData as the
// browser sends it. Next's cache, redirect and session are stood in for.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`REDIRECT ${to}`), { to });
  },
}));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { createComponentAction, updateComponentAction } = await import('@/app/(app)/components/actions');
const { recordBuildAction } = await import('@/app/(app)/builds/actions');

let h: DbHandle;
let teamId: string;

withFreshDatabase(async (db) => {
  h = db;
  [session.actor] = await actorsWith(db, ['release_manager']);
  teamId = (await makeTeam(db.prisma)).id;
});

const formOf = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

async function redirectOf(p: Promise<unknown>): Promise<string> {
  try {
    const r = await p;
    throw new Error(`expected a redirect, got ${JSON.stringify(r)}`);
  } catch (err) {
    if (err && typeof err === 'object' && 'to' in err) return (err as { to: string }).to;
    throw err;
  }
}

describe('component actions', () => {
  it('creates with dependency rows, skipping blank and removed rows, then redirects to the detail', async () => {
    const [a, b] = [await makeComponent(h.prisma), await makeComponent(h.prisma)];
    const name = `svc-${uid()}`;
    const to = await redirectOf(
      createComponentAction(
        { status: 'idle' },
        formOf({
          name,
          ownerTeamId: teamId,
          tier: '1',
          depRows: '4',
          'dep-component-0': a.name,
          'dep-range-0': '^1.2.0',
          'dep-component-1': '',
          'dep-range-1': '',
          'dep-component-2': b.name,
          'dep-range-2': '^2',
          'dep-remove-2': 'on',
        }),
      ),
    );
    expect(to).toBe(`/components/${name}?created=1`);
    const row = await h.prisma.component.findUniqueOrThrow({ where: { name }, include: { dependencies: true } });
    expect(row.dependencies.map((d) => [d.dependsOnId, d.versionRange])).toEqual([[a.id, '^1.2.0']]);
  });

  it('puts a row error on the row the user sees, and keeps every value', async () => {
    const a = await makeComponent(h.prisma);
    const state = await createComponentAction(
      { status: 'idle' },
      formOf({ name: `svc-${uid()}`, ownerTeamId: teamId, tier: '2', depRows: '3', 'dep-component-2': a.name, 'dep-range-2': 'newest' }),
    );
    expect(state.status).toBe('error');
    expect(state.fieldErrors?.['dep-range-2']?.[0]).toMatch(/not a valid semver range/);
    expect(state.values?.['dep-range-2']).toBe('newest');
    expect(state.values?.depRows).toBe('3');
  });

  it('refuses a stale edit with the reason', async () => {
    const c = await makeComponent(h.prisma);
    await h.prisma.component.update({ where: { id: c.id }, data: { version: 2 } }); // someone saved meanwhile
    const state = await updateComponentAction(
      { status: 'idle' },
      formOf({ id: c.id, name: c.name, ownerTeamId: c.ownerTeamId, tier: '2', version: '1', depRows: '0' }),
    );
    expect(state).toMatchObject({ status: 'error' });
    expect(state.message).toMatch(/saved a newer version of component .* after you opened it/);
  });
});

describe('build action', () => {
  it('records and redirects; a resubmission lands on the same build', async () => {
    const c = await makeComponent(h.prisma);
    const fields = {
      component: c.name,
      version: '1.4.0',
      artifactDigest: digest(),
      builtAt: '2026-11-20 10:15',
      workItems: 'PAY-1 Faster https://jira.example/PAY-1\n\nPAY-2',
      notes: 'notes',
    };
    const to = await redirectOf(recordBuildAction({ status: 'idle' }, formOf(fields)));
    expect(to).toMatch(/^\/builds\/[^?]+\?recorded=1$/);
    const build = await h.prisma.build.findFirstOrThrow({ where: { componentId: c.id } });
    expect(build.builtAt?.toISOString()).toBe('2026-11-20T10:15:00.000Z');
    expect(build.workItems).toEqual([{ key: 'PAY-1', title: 'Faster', url: 'https://jira.example/PAY-1' }, { key: 'PAY-2' }]);
    expect(await redirectOf(recordBuildAction({ status: 'idle' }, formOf(fields)))).toBe(`/builds/${build.id}?existing=1`);
  });

  it('reports bad work item lines by line, together with the other fields', async () => {
    const c = await makeComponent(h.prisma);
    const state = await recordBuildAction(
      { status: 'idle' },
      formOf({ component: c.name, version: 'one', artifactDigest: digest(), workItems: 'PAY-1 ok\nPAY-2 t javascript:alert(1)' }),
    );
    expect(state.status).toBe('error');
    expect(state.fieldErrors?.workItems?.[0]).toMatch(/^Line 2: /);
    expect(state.fieldErrors?.version?.[0]).toMatch(/MAJOR\.MINOR\.PATCH/);
    expect(state.values?.workItems).toContain('javascript:alert(1)');
    expect(await h.prisma.build.count({ where: { componentId: c.id } })).toBe(0);
  });

  it('refuses someone who may not record builds before reading the work item lines', async () => {
    const c = await makeComponent(h.prisma);
    const before = session.actor;
    [session.actor] = await actorsWith(h, ['viewer']);
    try {
      const state = await recordBuildAction({ status: 'idle' }, formOf({ component: c.name, version: 'one', workItems: 'PAY-2 t javascript:alert(1)' }));
      expect(state.status).toBe('error');
      expect(state.message).toMatch(/^You may not/);
      expect(state.fieldErrors).toBeUndefined();
    } finally {
      session.actor = before;
    }
  });
});
