import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { listAuditEvents } from '@/lib/server/audit-trail';
import { releaseKey } from '@/lib/domain/release-key';
import {
  makeApiToken,
  makeBuild,
  makeComponent,
  makeEnvironment,
  makeFreezeWindow,
  makePolicyVersion,
  makeRelease,
  makeTeam,
  makeUser,
  uid,
} from '../support/factories';
import { countStatements } from '../support/sql-count';
import { withFreshDatabase } from '../support/suite';

// Decision 052: the audit trail names people and records, resolved a page at a time with one
// query per record type (never one per event), and falls back to the id of a record that is gone.

let h: DbHandle;
withFreshDatabase((db) => {
  h = db;
});

type Ev = { targetType: string; targetId: string | null; releaseId?: string | null };

async function record(actor: { id: string; email: string }, action: string, events: Ev[]) {
  for (const e of events) {
    await h.prisma.$transaction((tx) =>
      appendAudit(tx, { id: actor.id, label: actor.email, type: 'user' }, null, {
        action,
        targetType: e.targetType,
        targetId: e.targetId,
        releaseId: e.releaseId ?? null,
      }),
    );
  }
}

describe('audit trail names', () => {
  it('names the actor and every kind of record, links them, and keeps the id of a deleted one', async () => {
    const admin = await makeUser(h.prisma, ['admin'], { name: 'Ada Auditor' });
    const person = await makeUser(h.prisma, ['viewer'], { name: 'Vic Viewer' });
    const team = await makeTeam(h.prisma);
    const component = await makeComponent(h.prisma, { ownerTeamId: team.id });
    const build = await makeBuild(h.prisma, { componentId: component.id, version: '4.2.0' });
    const release = await makeRelease(h.prisma);
    const env = await makeEnvironment(h.prisma);
    const policy = await makePolicyVersion(h.prisma);
    const freeze = await makeFreezeWindow(h.prisma);
    await makeApiToken(h.prisma, admin.id, ['releases:read'], { namePrefix: `names-${uid()}` });
    const token = { row: await h.prisma.apiToken.findFirstOrThrow({ where: { userId: admin.id } }) };
    const gone = await makeTeam(h.prisma);
    const action = `names${uid()}`;
    await record(admin, `${action}.x`, [
      { targetType: 'release', targetId: release.id, releaseId: release.id },
      { targetType: 'user', targetId: person.id },
      { targetType: 'team', targetId: team.id },
      { targetType: 'environment', targetId: env.id },
      { targetType: 'component', targetId: component.id },
      { targetType: 'build', targetId: build.id },
      { targetType: 'policy', targetId: policy.id },
      { targetType: 'freeze', targetId: freeze.id },
      { targetType: 'api_token', targetId: token.row.id },
      { targetType: 'team', targetId: gone.id },
      { targetType: 'plan_task', targetId: 'task-1', releaseId: release.id },
    ]);
    await h.prisma.team.delete({ where: { id: gone.id } });

    const { events } = await listAuditEvents(admin.actor, { action });
    const byType = (type: string, id: string) => events.find((e) => e.targetType === type && e.targetId === id)!;
    expect(events).toHaveLength(11);
    for (const e of events) {
      expect(e.actorName).toBe('Ada Auditor');
      expect(e.actorHref).toBe(`/admin/users/${admin.id}`);
    }
    const key = releaseKey(release.number);
    expect(byType('release', release.id).target).toEqual({ label: `${key} ${release.title}`, href: `/releases/${key}`, exists: true });
    expect(byType('user', person.id).target).toMatchObject({ label: 'Vic Viewer', href: `/admin/users/${person.id}` });
    expect(byType('team', team.id).target).toMatchObject({ label: team.name, href: `/admin/teams/${team.id}` });
    expect(byType('environment', env.id).target).toMatchObject({ label: env.name, href: `/environments/${env.name}` });
    expect(byType('component', component.id).target).toMatchObject({ label: component.name, href: `/components/${component.name}` });
    expect(byType('build', build.id).target).toMatchObject({ label: `${component.name} 4.2.0`, href: `/builds/${build.id}` });
    expect(byType('policy', policy.id).target).toMatchObject({ label: `Policy version ${policy.version}`, href: `/policy/${policy.version}` });
    expect(byType('freeze', freeze.id).target).toMatchObject({ label: freeze.name, href: `/admin/freezes/${freeze.id}` });
    expect(byType('api_token', token.row.id).target).toMatchObject({ label: token.row.name, href: null });
    expect(byType('team', gone.id).target).toEqual({ label: gone.id, href: null, exists: false });
    // a type without a name of its own still points at its release
    const task = byType('plan_task', 'task-1');
    expect(task.target).toBeNull();
    expect(task.release).toMatchObject({ label: `${key} ${release.title}`, exists: true });
  });

  it('resolves a page with a bounded number of queries, however many events and records it shows', async () => {
    const admin = await makeUser(h.prisma, ['admin']);
    const action = `bounded${uid()}`;
    const measure = async () => (await countStatements(() => listAuditEvents(admin.actor, { action }))).statements;

    const releases = await Promise.all(Array.from({ length: 3 }, () => makeRelease(h.prisma)));
    const users = await Promise.all(Array.from({ length: 3 }, () => makeUser(h.prisma, ['viewer'])));
    await record(admin, `${action}.a`, [
      ...releases.map((r) => ({ targetType: 'release', targetId: r.id, releaseId: r.id })),
      ...users.map((u) => ({ targetType: 'user', targetId: u.id })),
    ]);
    const few = await measure();

    const more = await Promise.all(Array.from({ length: 20 }, () => makeRelease(h.prisma)));
    const morePeople = await Promise.all(Array.from({ length: 20 }, () => makeUser(h.prisma, ['viewer'])));
    await record(admin, `${action}.b`, [
      ...more.map((r) => ({ targetType: 'release', targetId: r.id, releaseId: r.id })),
      ...morePeople.map((u) => ({ targetType: 'user', targetId: u.id })),
    ]);
    const many = await measure();
    const { events } = await listAuditEvents(admin.actor, { action });
    expect(events).toHaveLength(46);
    expect(events.every((e) => e.target?.exists)).toBe(true);
    // events, the action list, one query for releases and one for users
    expect(few).toBeLessThanOrEqual(4);
    expect(many).toBe(few);
  });
});
