import { renderToString } from '@/tests/support/render';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { instantToLocalDateTime } from '@/lib/domain/recurrence';
import { freshDatabase } from '../support/db';
import { makeBuild, makeComponent, makeUser, uid, uniqueInt } from '../support/factories';
import { releaseRefFor } from '../support/release-ref';
import { nowMs } from '@/lib/server/clock';
import { releaseKey } from '@/lib/domain/release-key';

// Renders the schedule panel with real data and drives its server actions: a
// window in a freeze is explained, the next free slot is offered and taken, and a
// conflict is acknowledged from the page.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { SchedulePanel } = await import('@/app/(app)/releases/[key]/_sections/schedule-panel');
const { saveScheduleAction, takeSlotAction, acknowledgeConflictAction } = await import('@/app/(app)/releases/[key]/schedule-actions');

let h: DbHandle;
let rm: Actor;
let viewer: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
});

afterAll(async () => {
  await h?.close();
});

const render = async (releaseKey: string) => await renderToString((await SchedulePanel({ release: await releaseRefFor(releaseKey) }))!);
const IDLE = { status: 'idle' as const };

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of [v].flat()) f.append(k, x);
  return f;
}

async function setup(opts: { status?: 'approved' | 'scheduled'; componentId?: string; window?: [Date, Date] } = {}) {
  const env = await h.prisma.environment.create({ data: { name: `prod-${uid()}`, displayName: 'Production', tier: 'production', position: uniqueInt() } });
  const owner = await makeUser(h.prisma, ['release_manager']);
  const r = await h.prisma.release.create({
    data: { title: `Release ${uid()}`, type: 'normal', ownerId: owner.id, requesterId: owner.id, status: opts.status ?? 'approved', timezone: 'UTC' },
  });
  const pkg = await h.prisma.releasePackage.create({ data: { releaseId: r.id } });
  const componentId = opts.componentId ?? (await makeComponent(h.prisma)).id;
  const b = await makeBuild(h.prisma, { componentId });
  await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId, buildId: b.id } });
  await h.prisma.releaseEnvironment.create({
    data: { releaseId: r.id, environmentId: env.id, scheduledStart: opts.window?.[0] ?? null, scheduledEnd: opts.window?.[1] ?? null },
  });
  return { env, key: releaseKey(r.number), id: r.id };
}

const version = async (id: string) => (await h.prisma.release.findUniqueOrThrow({ where: { id } })).version;

describe('SchedulePanel', () => {
  it('offers the rest of a maintenance window open now when it fits the planned duration', async () => {
    session.actor = rm;
    const { env, key, id } = await setup();
    const now = nowMs();
    // open since an hour ago, for three more hours; the plan takes 1 h 30 min
    await h.prisma.maintenanceWindow.create({
      data: { environmentId: env.id, label: 'Open now', kind: 'one_off', startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 3 * 3_600_000) },
    });
    await h.prisma.planTask.create({ data: { releaseId: id, name: 'Deploy', estimateMinutes: 90 } });
    const html = await render(key);
    expect(html).toContain(`${'Production'}<!-- --> · <!-- -->1 h 30 min`);
    const first = new Date(Math.ceil(now / 60_000) * 60_000);
    expect(html).toContain(`value="${instantToLocalDateTime(first, 'UTC')}"`);

    // a plan longer than the rest of the window (its longest path of estimates: 4 h): the open window is not offered
    await h.prisma.planTask.create({ data: { releaseId: id, name: 'Migrate', estimateMinutes: 240 } });
    const longer = await render(key);
    expect(longer).toContain(`${'Production'}<!-- --> · <!-- -->4 h`);
    expect(longer).not.toContain(`value="${instantToLocalDateTime(first, 'UTC')}"`);
  });

  it('explains a window in a freeze, offers the next free slot after it, and takes it', async () => {
    session.actor = rm;
    const { env, key, id } = await setup();
    const now = nowMs();
    const freezeEnd = new Date(Math.ceil((now + 2 * 86_400_000) / 3_600_000) * 3_600_000);
    await h.prisma.freezeWindow.create({
      data: {
        name: `Launch freeze ${uid()}`,
        reason: 'Product launch',
        kind: 'one_off',
        startsAt: new Date(now - 86_400_000),
        endsAt: freezeEnd,
        environments: { create: [{ environmentId: env.id }] },
      },
    });
    const start = instantToLocalDateTime(new Date(now + 86_400_000), 'UTC');
    const end = instantToLocalDateTime(new Date(now + 86_400_000 + 2 * 3_600_000), 'UTC');
    const saved = await saveScheduleAction(
      IDLE,
      form({
        releaseKey: key,
        version: String(await version(id)),
        timezone: 'UTC',
        environment: [env.name],
        [`start:${env.name}`]: start,
        [`end:${env.name}`]: end,
      }),
    );
    expect(saved.status).toBe('ok');
    expect(saved.message).toContain('1 problem');

    const html = await render(key);
    expect(html).toContain('Change freeze');
    expect(html).toContain('Product launch');
    expect(html).toContain('A freeze cannot be acknowledged');
    expect(html).toContain('Save schedule');
    expect(html).toContain('Next free slots');
    expect(html).toContain('Use this slot');
    const first = instantToLocalDateTime(freezeEnd, 'UTC');
    expect(html).toContain(`value="${first}"`);

    const taken = await takeSlotAction(
      IDLE,
      form({
        releaseKey: key,
        version: String(await version(id)),
        timezone: 'UTC',
        environment: env.name,
        start: first,
        end: instantToLocalDateTime(new Date(freezeEnd.getTime() + 2 * 3_600_000), 'UTC'),
      }),
    );
    expect(taken.status).toBe('ok');
    expect(taken.message).toContain('every check passes');
    // every window passes: no search unless asked for, and a link that asks
    const passing = await render(key);
    expect(passing).toContain('All checks pass');
    expect(passing).not.toContain('Use this slot');
    expect(passing).toContain(`href="/releases/${key}/schedule?slots=1#slots"`);
    const asked = await renderToString((await SchedulePanel({ release: await releaseRefFor(key), findSlots: true }))!);
    expect(asked).toContain('Next free slots');
    expect(asked).toContain('Use this slot');
    expect(asked).not.toContain('Find other free slots');
  });

  it('searches the first 14 days, and the whole 90-day horizon on request', async () => {
    session.actor = rm;
    const { env, key } = await setup();
    const now = nowMs();
    // a freeze over the next 20 days: nothing free in the first 14
    const freezeEnd = new Date(Math.ceil((now + 20 * 86_400_000) / 3_600_000) * 3_600_000);
    await h.prisma.freezeWindow.create({
      data: {
        name: `Quarter-end freeze ${uid()}`,
        reason: 'Quarter end',
        kind: 'one_off',
        startsAt: new Date(now - 86_400_000),
        endsAt: freezeEnd,
        environments: { create: [{ environmentId: env.id }] },
      },
    });
    // no window yet: the page searches on its own, 14 days
    const first = await render(key);
    expect(first).toContain('Next free slots');
    expect(first).toContain('No free slot of 2 h in the next 14 days.');
    expect(first).not.toContain('Use this slot');
    expect(first).toContain(`href="/releases/${key}/schedule?slots=90#slots"`);
    // ?slots=90: the whole horizon, where the first slot starts when the freeze ends
    const whole = await renderToString((await SchedulePanel({ release: await releaseRefFor(key), findSlots: true, slotDays: 90 }))!);
    expect(whole).toContain('The first slots in the next 90 days');
    expect(whole).toContain('Use this slot');
    expect(whole).toContain(`value="${instantToLocalDateTime(freezeEnd, 'UTC')}"`);
    expect(whole).not.toContain('schedule?slots=90');
  });

  it('puts field errors on the right input and keeps what was typed', async () => {
    session.actor = rm;
    const { env, key, id } = await setup();
    const res = await saveScheduleAction(
      IDLE,
      form({
        releaseKey: key,
        version: String(await version(id)),
        timezone: 'UTC',
        environment: [env.name],
        [`start:${env.name}`]: '2030-01-02T12:00',
        [`end:${env.name}`]: '2030-01-02T11:00',
      }),
    );
    expect(res.status).toBe('error');
    expect(res.fieldErrors?.[`end:${env.name}`]?.[0]).toContain('must end after it starts');
    expect(res.values?.[`start:${env.name}`]).toBe('2030-01-02T12:00');
  });

  it('acknowledges a component conflict from the page; a viewer sees the schedule read-only', async () => {
    session.actor = rm;
    const c = await makeComponent(h.prisma);
    const w: [Date, Date] = [new Date('2030-03-01T10:00:00Z'), new Date('2030-03-01T12:00:00Z')];
    const other = await setup({ status: 'scheduled', componentId: c.id, window: w });
    const mine = await setup({ componentId: c.id, window: [new Date('2030-03-01T11:00:00Z'), new Date('2030-03-01T13:00:00Z')] });
    let html = await render(mine.key);
    expect(html).toContain('Shared component');
    expect(html).toContain(`also deployed by ${other.key}`);
    expect(html).toContain('Acknowledge conflict');
    const short = await acknowledgeConflictAction(
      IDLE,
      form({ releaseKey: mine.key, otherReleaseKey: other.key, kind: 'component', component: c.name, reason: 'short' }),
    );
    expect(short.status).toBe('error');
    expect(short.fieldErrors?.reason?.[0]).toContain('at least 10');
    const ok = await acknowledgeConflictAction(
      IDLE,
      form({ releaseKey: mine.key, otherReleaseKey: other.key, kind: 'component', component: c.name, reason: 'Separate environments, separate teams' }),
    );
    expect(ok.status).toBe('ok');
    html = await render(mine.key);
    expect(html.replace(/<!-- -->/g, '')).toContain('Acknowledged by Rita Manager: “Separate environments, separate teams”');
    expect(html).toContain('All checks pass');

    session.actor = viewer;
    html = await render(mine.key);
    expect(html).not.toContain('Save schedule');
    expect(html).not.toContain('Use this slot');
    expect(html.replace(/<!-- -->/g, '')).toContain('1 Mar 11:00–13:00 UTC');
  });
});
