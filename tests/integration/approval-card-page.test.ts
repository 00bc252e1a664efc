import { createElement } from 'react';
import { renderToString } from '@/tests/support/render';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { setTestLocale } from '@/tests/support/intl-config';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import type { FormState } from '@/components/forms/form-state';
import { freshDatabase } from '../support/db';
import { makeTeam, makeUser } from '../support/factories';
import { policyDocument, savePolicy, submittedRelease } from './approvals-support';

// The approval card page and its actions with real data: what the approver sees,
// the decision through the server action, the outcome message, a stale digest,
// the inbox, and the owner seeing the rejection's reasons.

// one holder for every file that renders the approvals pages: test files share a worker's
// modules (isolate: false), so the page may be bound to another file's session mock
const session = vi.hoisted(() => {
  const g = globalThis as { __relmApprovalsSession?: { actor: Actor | null } };
  return (g.__relmApprovalsSession ??= { actor: null });
});
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));
vi.mock('next/navigation', () => ({
  notFound: () => {
    throw new Error('NEXT_NOT_FOUND');
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { default: ApprovalCardPage } = await import('@/app/(app)/approvals/[key]/page');
const { default: ApprovalsPage } = await import('@/app/(app)/approvals/page');
const { confirmEmergencyAction, decideApprovalAction } = await import('@/app/(app)/approvals/[key]/actions');
const { RejectionBanner } = await import('@/app/(app)/releases/[key]/_sections/rejection-banner');
const { getRelease } = await import('@/lib/server/releases');
const { addCommentAction } = await import('@/app/(app)/releases/[key]/comment-actions');

let h: DbHandle;
let rm: Actor;
let red: Actor;
let blue: Actor;
let admin: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  const [tRed, tBlue] = await Promise.all([makeTeam(h.prisma, 'Red team'), makeTeam(h.prisma, 'Blue team')]);
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager', teamId: tRed.id })).actor;
  red = (await makeUser(h.prisma, ['approver'], { name: 'Elena Petrova', teamId: tRed.id })).actor;
  blue = (await makeUser(h.prisma, ['approver'], { name: 'Bo Blue', teamId: tBlue.id })).actor;
  admin = (await makeUser(h.prisma, ['admin'], { name: 'Ada Admin' })).actor;
  await savePolicy(h.prisma, policyDocument());
});

afterAll(async () => {
  await h?.close();
});

const text = (html: string) =>
  html
    .replace(/<!-- -->/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const renderCard = async (key: string) => text(await renderToString(await ApprovalCardPage({ params: Promise.resolve({ key }) })));
const IDLE: FormState = { status: 'idle' };

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

describe('the approval card page', () => {
  it('shows an eligible approver the form with the sealed digest, and the owner why they cannot decide', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    session.actor = red;
    const html = await renderCard(r.key);
    expect(html).toContain(`name="packageDigest" value="${r.digest}"`);
    expect(html).toContain('name="decision" value="reject"');
    expect(html).toContain('Conflicts and freezes');
    expect(html).toMatch(/No window is set yet|No freeze, maintenance-window or promotion problem|Scheduling problems/);
    expect(html).toContain('data-testid="package-facts"');
    expect(html).toContain('Compatible');
    session.actor = rm;
    const owner = await renderCard(r.key);
    expect(owner).toContain('data-testid="cannot-decide"');
    expect(owner).not.toContain('name="decision"');
  });

  it('lets an approver ask a question without rejecting: it goes to the discussion, tells the owner and leaves the approval open', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    session.actor = red;
    const html = await renderCard(r.key);
    expect(html).toContain('Ask a question');
    expect(html).toContain('name="kind" value="question"');
    expect(html).toContain(`href="/releases/${r.key}/discussion"`);
    const empty = await addCommentAction(IDLE, form({ releaseKey: r.key, kind: 'question', body: '  ' }));
    expect(empty).toMatchObject({ status: 'error', fieldErrors: { body: ['Write a comment.'] }, values: { body: '  ', kind: 'question' } });
    const asked = await addCommentAction(IDLE, form({ releaseKey: r.key, kind: 'question', body: 'Is the back-out tested on staging?' }));
    expect(asked).toMatchObject({ status: 'ok' });
    expect(asked.message).toContain('Your question was posted to the discussion');
    const release = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id }, select: { status: true } });
    expect(release.status).toBe('submitted');
    expect(await h.prisma.approval.count({ where: { releaseId: r.id } })).toBe(0);
    expect(await h.prisma.notification.count({ where: { releaseId: r.id, userId: rm.id!, kind: 'release.question' } })).toBe(1);
    // the owner (a release manager, who decides nothing) has no question form
    session.actor = rm;
    expect(await renderCard(r.key)).not.toContain('name="kind" value="question"');
  });

  it('is not found for an unknown or malformed key, and redirects a lower-case key', async () => {
    session.actor = red;
    await expect(renderCard('REL-999999')).rejects.toThrow('NEXT_NOT_FOUND');
    await expect(renderCard("'; drop table--")).rejects.toThrow('NEXT_NOT_FOUND');
    await expect(renderCard('rel-5')).rejects.toThrow('NEXT_REDIRECT /approvals/REL-5');
  });

  it('lists the release in the inbox, records an approval and says the release is now approved', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    session.actor = blue;
    const inbox = text(await renderToString(await ApprovalsPage({ searchParams: Promise.resolve({}) })));
    expect(inbox).toContain(`href="/approvals/${r.key}"`);
    expect(inbox).toContain('Waiting for your decision');
    const state = await decideApprovalAction(IDLE, form({ releaseKey: r.key, decision: 'approve', comment: 'Looks good.', packageDigest: r.digest }));
    expect(state).toMatchObject({ status: 'ok' });
    expect(state.message).toContain(`${r.key} is now approved`);
    expect((await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('approved');
    const after = text(await renderToString(await ApprovalsPage({ searchParams: Promise.resolve({}) })));
    expect(after).toContain('Decided by you recently');
    expect(after).toContain('Looks good.');
  });

  it('refuses a rejection without a comment next to the field, and a stale digest with a message, keeping the input', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    session.actor = red;
    const noComment = await decideApprovalAction(IDLE, form({ releaseKey: r.key, decision: 'reject', comment: '  ', packageDigest: r.digest }));
    expect(noComment.status).toBe('error');
    expect(noComment.fieldErrors?.comment?.[0]).toMatch(/why you reject/);
    const stale = await decideApprovalAction(IDLE, form({ releaseKey: r.key, decision: 'approve', comment: 'ok', packageDigest: 'f'.repeat(64) }));
    expect(stale.status).toBe('error');
    expect(stale.message?.length).toBeGreaterThan(10);
    expect(stale.values).toMatchObject({ comment: 'ok' });
    const hostile = await decideApprovalAction(IDLE, 'not a form' as unknown as FormData);
    expect(hostile.status).toBe('error');
  });

  it('a rejection returns the release to its owner with the reasons at the top of the release page', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    session.actor = red;
    const state = await decideApprovalAction(
      IDLE,
      form({ releaseKey: r.key, decision: 'reject', comment: 'Rehearse the back-out first.', packageDigest: r.digest }),
    );
    expect(state).toMatchObject({ status: 'ok' });
    expect(state.message).toContain('went back to its owner');
    const detail = (await getRelease(rm, r.key))!;
    expect(detail.status).toBe('rejected');
    const banner = text(await renderToString(createElement(RejectionBanner, { r: detail })));
    expect(banner).toContain('Rejected by Elena Petrova');
    expect(banner).toContain('Rehearse the back-out first.');
  });

  it('speaks French to an approver who chose French: the inbox, the card and the outcome of the decision', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    session.actor = blue;
    setTestLocale('fr');
    onTestFinished(() => setTestLocale('en'));
    const inbox = text(await renderToString(await ApprovalsPage({ searchParams: Promise.resolve({}) })));
    expect(inbox).toContain('lang="fr"');
    expect(inbox).toContain('En attente de votre décision');
    expect(inbox).toContain(`href="/approvals/${r.key}"`);
    const card = await renderCard(r.key);
    expect(card).toContain('Votre décision');
    expect(card).toContain('Approuver ou rejeter');
    expect(card).toContain('Enregistrer la décision');
    const state = await decideApprovalAction(IDLE, form({ releaseKey: r.key, decision: 'approve', comment: 'Très bien.', packageDigest: r.digest }));
    expect(state).toMatchObject({ status: 'ok' });
    expect(state.message).toBe(
      `Vous avez approuvé ${r.key}. Cela complète les approbations requises\u00a0: ${r.key} est maintenant approuvée et peut être planifiée.`,
    );
  });

  it('an emergency: after a first approval an admin sees the confirmation form (not the decision form) and confirming approves it', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, type: 'emergency', level: 'critical' });
    session.actor = red;
    const first = await decideApprovalAction(IDLE, form({ releaseKey: r.key, decision: 'approve', comment: 'Hotfix verified.', packageDigest: r.digest }));
    expect(first.message).toContain('not approved yet');
    session.actor = admin;
    const html = await renderCard(r.key);
    expect(html).toContain('Confirm emergency');
    expect(html).toContain('not approve or reject it');
    expect(html).not.toContain('name="decision"');
    const state = await confirmEmergencyAction(IDLE, form({ releaseKey: r.key, comment: 'Confirmed with the on-call lead.', packageDigest: r.digest }));
    expect(state).toMatchObject({ status: 'ok' });
    expect(state.message).toContain(`${r.key} is now approved`);
    const after = await renderCard(r.key);
    expect(after).toContain('Confirmed');
    expect(after).toContain('by Ada Admin');
  });
});
