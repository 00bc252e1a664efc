import { renderToString } from '@/tests/support/render';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { IDLE } from '@/components/forms/form-state';
import { PolicyDocumentSchema } from '@/lib/domain/policy';
import { policyToFormValues } from '@/lib/domain/policy-form';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';
import { makeTeam } from '../support/factories';
import { actorsWith, withFreshDatabase } from '../support/suite';

// The policy pages rendered with real data, and the policy form's server action
// driven with the FormData a browser would send.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`REDIRECT ${to}`), { to });
  },
  notFound: () => {
    throw Object.assign(new Error('NOT_FOUND'), { notFound: true });
  },
}));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { updatePolicyAction } = await import('@/app/(app)/admin/policy/actions');

let h: DbHandle;
let admin: Actor;
let viewer: Actor;

withFreshDatabase(async (db) => {
  h = db;
  [admin, viewer] = await actorsWith(db, ['admin'], ['viewer']);
  await makeTeam(h.prisma, 'Payments');
  await h.prisma.policyVersion.create({ data: { version: 1, document: DEMO_POLICY_DOCUMENT, note: 'Initial policy' } });
});

const render = async (page: Promise<ReactElement>) => (await renderToString(await page)).replace(/<!-- -->/g, '');

function formOf(values: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  return form;
}

const demoValues = () => policyToFormValues(PolicyDocumentSchema.parse(DEMO_POLICY_DOCUMENT));

describe('the policy form action', () => {
  it('saves a change made in the form as the next version', async () => {
    session.actor = admin;
    const v = demoValues();
    v['approvals.expiryDays'] = '5';
    // the blank "add a rule" row and a filled one
    Object.assign(v, {
      'approvals.byRiskLevel.low.1.key': '',
      'approvals.byRiskLevel.low.1.description': '',
      'approvals.byRiskLevel.low.1.role': 'approver',
      'approvals.byRiskLevel.low.1.count': '1',
    });
    Object.assign(v, {
      'approvals.byReleaseType.major.0.key': 'cab',
      'approvals.byReleaseType.major.0.description': 'A CAB member for major releases',
      'approvals.byReleaseType.major.0.role': 'approver',
      'approvals.byReleaseType.major.0.count': '1',
      'approvals.byReleaseType.major.0.cabOnly': 'on',
    });
    v['reminders.approvalEscalationHours'] = '96';
    const state = await updatePolicyAction(IDLE, formOf({ ...v, basedOnVersion: '1', note: 'Five-day approvals; CAB for majors' }));
    expect(state.status, JSON.stringify(state)).toBe('ok');
    expect(state.message).toMatch(/version 2/);
    const latest = await h.prisma.policyVersion.findFirstOrThrow({ orderBy: { version: 'desc' } });
    const doc = PolicyDocumentSchema.parse(latest.document);
    expect(doc.approvals.expiryDays).toBe(5);
    expect(doc.approvals.byRiskLevel.low).toHaveLength(1);
    expect(doc.approvals.byReleaseType.major?.[0]).toMatchObject({ key: 'cab', cabOnly: true });
    // version 1 had no reminders section: its defaults are not reported as changes, the one change is
    expect(doc.reminders).toMatchObject({ approvalReminderHours: 24, approvalEscalationHours: 96, freezeNoticeHours: 48 });
    expect(state.message).not.toMatch(/Window notice/);
  });

  it('shows errors at the fields (rows as numbered in the form) and keeps the input', async () => {
    session.actor = admin;
    const v = demoValues();
    v['approvals.byRiskLevel.high.0.remove'] = 'on';
    Object.assign(v, {
      'approvals.byRiskLevel.high.1.key': 'Bad key!',
      'approvals.byRiskLevel.high.1.description': 'x',
      'approvals.byRiskLevel.high.1.role': 'approver',
      'approvals.byRiskLevel.high.1.count': '2',
    });
    v['risk.thresholds.high'] = 'lots';
    v['reminders.approvalEscalationHours'] = '12';
    const state = await updatePolicyAction(IDLE, formOf({ ...v, basedOnVersion: '2', note: 'Try' }));
    expect(state.status).toBe('error');
    expect(state.fieldErrors?.['risk.thresholds.high']?.[0]).toMatch(/whole number/);
    expect(Object.keys(state.fieldErrors ?? {})).toContain('approvals.byRiskLevel.high.1.key');
    expect(state.fieldErrors?.['reminders.approvalEscalationHours']).toEqual([
      'Approval escalation: escalate later than the reminder (more than 24 hours), or 0 for no escalation.',
    ]);
    expect(state.values?.['approvals.byRiskLevel.high.1.key']).toBe('Bad key!');
    expect(await h.prisma.policyVersion.count()).toBe(2);
  });

  it('refuses a stale form naming the newer version', async () => {
    session.actor = admin;
    const v = demoValues();
    v['approvals.expiryDays'] = '6';
    const state = await updatePolicyAction(IDLE, formOf({ ...v, basedOnVersion: '1', note: 'Six days' }));
    expect(state.status).toBe('error');
    expect(state.message).toMatch(/version 2/);
    expect(state.values?.['approvals.expiryDays']).toBe('6');
  });

  it('hostile posts are refused, not errors', async () => {
    session.actor = admin;
    for (const form of [
      new FormData(),
      formOf({ basedOnVersion: 'x', note: 'n', 'approvals.byRiskLevel.low.999.key': 'a' }),
      'not a form' as unknown as FormData,
    ]) {
      const state = await updatePolicyAction(IDLE, form);
      expect(state.status).toBe('error');
      expect(state.requestId).toBeUndefined();
    }
    session.actor = viewer;
    const state = await updatePolicyAction(IDLE, formOf({ ...demoValues(), basedOnVersion: '2', note: 'Sneaky', 'approvals.expiryDays': '1' }));
    expect(state.status).toBe('error');
    expect(state.message).toMatch(/policy/i);
  });

  it('refuses someone who may not edit the policy before judging the input (no field errors)', async () => {
    session.actor = viewer;
    const v = demoValues();
    v['risk.thresholds.high'] = 'lots';
    const state = await updatePolicyAction(IDLE, formOf({ ...v, basedOnVersion: '2', note: '' }));
    expect(state.status).toBe('error');
    expect(state.message).toMatch(/You may not .*policy\.edit.*admin/);
    expect(state.fieldErrors).toBeUndefined();
    expect(state.values).toBeUndefined();
    session.actor = null;
    const signedOut = await updatePolicyAction(IDLE, formOf({ ...v, basedOnVersion: '2', note: '' }));
    expect(signedOut).toMatchObject({ status: 'error', message: 'Sign in to do this.' });
    expect(signedOut.fieldErrors).toBeUndefined();
  });
});

describe('the policy pages render', () => {
  it('admin page: form with every section, history and raw JSON', async () => {
    session.actor = admin;
    const page = (await import('@/app/(app)/admin/policy/page')).default;
    const html = await render(page());
    expect(html).toContain('Save as version 3');
    expect(html).toContain('name="approvals.byRiskLevel.critical.1.key"');
    expect(html).toContain('Add a rule to major releases');
    expect(html).toContain('Payments');
    expect(html).toContain('Always required');
    expect(html).toContain('Approval expiry (days): 7 → 5');
    expect(html).toContain('Raw JSON of version 2');
    expect(html).toContain('Reminders and escalation');
    expect(html).toContain('name="reminders.freezeNoticeHours"');
    expect(html).toContain('Approval escalated after (hours waiting, 0 = off): 72 → 96');
  });

  it('admin page is refused to a viewer, who can read /policy and any version', async () => {
    session.actor = viewer;
    const admin = (await import('@/app/(app)/admin/policy/page')).default;
    expect(await render(admin())).toContain('you do not have access');
    const read = (await import('@/app/(app)/policy/page')).default;
    const html = await render(read());
    expect(html).toContain('Version 2');
    expect(html).toContain('2 approvers from different teams');
    expect(html).not.toContain('Change the policy');
    expect(html).toContain('after 96 hours, the Change Advisory Board, the admins and the owner are told');
    expect(html).toContain('owners of releases scheduled inside it are told 48 hours before');
    const one = (await import('@/app/(app)/policy/[version]/page')).default;
    const v1 = await render(one({ params: Promise.resolve({ version: '1' }) }));
    expect(v1).toContain('superseded');
    await expect(render(one({ params: Promise.resolve({ version: '77' }) }))).rejects.toThrow('NOT_FOUND');
    await expect(render(one({ params: Promise.resolve({ version: '../x' }) }))).rejects.toThrow('NOT_FOUND');
  });
});
