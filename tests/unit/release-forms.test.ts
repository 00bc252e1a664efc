import { createElement } from 'react';
import { renderToString } from '@/tests/support/render';
import { describe, expect, it } from 'vitest';
// the client form itself: its server wrapper (release-form.tsx) reads the request's messages, which unit tests have not
import { ReleaseFormClient as ReleaseForm } from '@/components/release-forms/release-form-client';
import { PlanTaskForm } from '@/components/release-forms/plan-task-form';
import { RiskForm } from '@/components/release-forms/risk-form';
import { RiskHeatMapTable } from '@/components/releases/risk-heat-map';
import { IDLE, type FormState } from '@/components/forms/form-state';

const noop = async (): Promise<FormState<never>> => IDLE as FormState<never>;

describe('release forms render', () => {
  it('renders the release form prefilled, with labels and the hidden version', async () => {
    // under the test's next-intl provider: the time zone picker's words come from the catalogue
    const html = await renderToString(
      createElement(ReleaseForm, {
        action: noop,
        choices: {
          environments: [{ name: 'staging', displayName: 'Staging', tier: 'staging', protected: false }],
          releaseManagers: [{ id: 'u1', name: 'Maria Manager' }],
          users: [{ id: 'u1', name: 'Maria Manager', email: 'm@x' }],
          timeZones: ['UTC', 'Europe/Berlin'],
        },
        initial: {
          key: 'REL-3',
          version: 4,
          title: 'Ledger',
          type: 'major',
          ownerId: 'u1',
          environments: ['staging'],
          plannedStart: '2026-12-01T20:00',
          plannedEnd: '2026-12-01T22:00',
          timezone: 'Europe/Berlin',
          description: '',
          businessJustification: '',
          stakeholderIds: [],
        },
        submitLabel: 'Save changes',
        cancelHref: '/releases/REL-3',
      }),
    );
    expect(html).toContain('name="version" value="4"');
    // the planned window: date fields in the reader's order, submitting the ISO value (decision 059)
    expect(html).toContain('name="plannedStart" value="2026-12-01T20:00"');
    expect(html).toContain('name="plannedEnd" value="2026-12-01T22:00"');
    expect(html).toMatch(/<label[^>]*for="title"/);
  });

  it('renders the risk and task forms and the heat map table', async () => {
    const users = [{ id: 'u1', name: 'Maria' }];
    expect(await renderToString(createElement(RiskForm, { action: noop, releaseKey: 'REL-1', users, submitLabel: 'Add risk' }))).toContain('Likelihood');
    expect(
      await renderToString(
        createElement(PlanTaskForm, { action: noop, releaseKey: 'REL-1', users, otherTasks: [{ id: 't1', name: 'Backup' }], submitLabel: 'Add task' }),
      ),
    ).toContain('Backup');
    const counts = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    counts[2]![3] = 2;
    const table = await renderToString(createElement(RiskHeatMapTable, { counts }));
    expect(table).toContain('<th scope="row"');
    expect(table).toMatch(/data-testid="heat-3-4"><span class="block text-sm font-bold">2<\/span>/);
  });
});
