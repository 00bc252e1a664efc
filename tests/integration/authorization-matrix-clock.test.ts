import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { mutationRegistry } from '@/lib/server/action';
import { can, ROLES } from '@/lib/domain/permissions';
import { freshDatabase } from '../support/db';
import { makeUser, uid } from '../support/factories';
import { eventsOfRequest } from '../support/inspect';
import { INSTANTS, resetClock, setClock } from '../support/clock';
import { ALL_FIXTURES } from './matrix';

// The matrix fixtures whose outcome could depend on the time of day or the day of
// the week (windows around now, approval expiry, task start times, recurring
// freezes, schedules), run with the clock at several instants: every role the
// permission table allows must get ok at each of them. freeze.create runs first
// at each instant, so a freeze it leaks would show up in the fixtures after it.

await Promise.all(ALL_FIXTURES.map((f) => f.load()));

const TIME_DEPENDENT = [
  'freeze.create',
  'freeze.update',
  'freeze.set_active',
  'freeze.override_request',
  'freeze.override_confirm',
  'freeze.override_refuse',
  'deployment.record',
  'deployment.update_status',
  'deployment.add_verification',
  'approval.decide',
  'approval.confirm_emergency',
  'plan.add_task',
  'plan.update_task',
  'plan.start_task',
  'plan.finish_task',
  'release.schedule',
  'release.acknowledge_conflict',
];

const fixtures = Object.fromEntries(ALL_FIXTURES.flatMap((f) => Object.entries(f.mutations)));

let h: DbHandle;

beforeAll(async () => {
  h = await freshDatabase();
});

afterAll(async () => {
  resetClock();
  await h?.close();
});

it('names only mutations that exist', () => {
  const registered = mutationRegistry.map((m) => m.mutationName);
  expect(TIME_DEPENDENT.filter((name) => !registered.includes(name) || !fixtures[name])).toEqual([]);
});

// In time order, as a real clock runs: the approval fixtures find the acting user
// as the newest one by createdAt, which a clock moved backwards would break.
const instants = Object.entries(INSTANTS).sort(([, a], [, b]) => Date.parse(a) - Date.parse(b));

for (const [label, at] of instants) {
  describe(`with the clock at ${label} (${at})`, () => {
    beforeAll(() => void setClock({ at }));

    for (const name of TIME_DEPENDENT) {
      const mutation = mutationRegistry.find((m) => m.mutationName === name)!;
      const allowed = ROLES.filter((role) => mutation && can([role], mutation.permission));
      it(`${name} lets ${allowed.join(', ')}`, async () => {
        expect(allowed.length).toBeGreaterThan(0);
        for (const role of allowed) {
          const actor = (await makeUser(h.prisma, [role])).actor;
          const input = await fixtures[name]!.validInput(h);
          const requestId = `req-${uid()}`;
          const result = await mutation.as(actor, { requestId })(input);
          expect({ role, result }).toMatchObject({ role, result: { ok: true } });
          expect((await eventsOfRequest(h.prisma, requestId)).length).toBeGreaterThanOrEqual(1);
        }
      });
    }
  });
}
