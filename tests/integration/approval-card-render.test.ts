import { createElement } from 'react';
import { createTranslator } from 'next-intl';
import { messagesFor } from '@/messages';
import { renderToString } from '@/tests/support/render';
import { setTestLocale } from '@/tests/support/intl-config';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ApprovalCardView } from '@/lib/domain/approval-card';
import type { FormState } from '@/components/forms/form-state';
import type { PackageDiffView, PackageView } from '@/lib/server/packages';
import type { RiskRegisterDto } from '@/lib/server/risks';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import { ApprovalCard, type ApprovalCardProps } from '@/components/approvals/approval-card';
import { notificationHref, notificationKind } from '@/components/notifications/kinds';
import { RejectionBanner } from '@/app/(app)/releases/[key]/_sections/rejection-banner';
import { ApprovalsSection } from '@/app/(app)/releases/[key]/_sections/approvals-section';

// Renders the approval card from a fixture card view: what an approver sees must
// be there, whether they may decide or not, and why a decision no longer counts.

const noop = async (): Promise<FormState> => ({ status: 'idle' });
const priya = { id: 'u-priya', name: 'Priya Shah', email: 'priya@test.relm', team: 'Payments' };
const omar = { id: 'u-omar', name: 'Omar Haddad', email: 'omar@test.relm', team: 'Platform' };
const lena = { id: 'u-lena', name: 'Lena Novak', email: 'lena@test.relm', team: 'Risk' };
const DIGEST = 'a'.repeat(64);

function fixture(over: Partial<ApprovalCardView> = {}): ApprovalCardView {
  return {
    releaseKey: 'REL-42',
    title: 'Ledger upgrade',
    type: 'normal',
    status: 'submitted',
    owner: priya,
    requester: priya,
    version: 7,
    policyVersion: 3,
    packageDigest: DIGEST,
    riskLevel: 'high',
    riskScore: 14,
    riskFactors: [
      { name: 'Production target', contribution: 4, detail: 'Targets production.' },
      { name: 'Component criticality', contribution: 6, detail: 'ledger is tier 1.' },
    ],
    requirements: [
      {
        id: 'q1',
        key: 'cab',
        description: 'Two CAB approvals',
        role: 'approver',
        requiredCount: 2,
        distinctTeams: true,
        cabOnly: true,
        team: null,
        given: 1,
        satisfied: false,
        eligibleRemaining: [lena],
        unmeetable: null,
      },
      {
        id: 'q2',
        key: 'ops',
        description: 'One operations approval',
        role: 'operations',
        requiredCount: 1,
        distinctTeams: false,
        cabOnly: false,
        team: null,
        given: 0,
        satisfied: false,
        eligibleRemaining: [],
        unmeetable: 'Only 0 eligible people remain for 1 missing approval: every operations member authored a build in the package.',
      },
    ],
    decisions: [
      {
        id: 'd1',
        approver: omar,
        decision: 'approve',
        comment: 'Checked the migration plan.',
        at: '2026-11-22T10:00:00.000Z',
        packageDigest: 'b'.repeat(64),
        countsFor: 'cab',
        expiresAt: null,
        state: 'invalidated',
        invalidatedReason: "Invalidated when scope change 'Add ledger 2.4.1' was applied by Priya Shah on 23 Nov",
      },
      {
        id: 'd2',
        approver: omar,
        decision: 'approve',
        comment: 'Still fine after the scope change.',
        at: '2026-11-23T10:00:00.000Z',
        packageDigest: DIGEST,
        countsFor: 'cab',
        expiresAt: '2026-11-30T10:00:00.000Z',
        state: 'valid',
        invalidatedReason: null,
      },
    ],
    viewerCanDecide: true,
    viewerCannotDecideBecause: null,
    gates: [
      { rule: 'approval.quorum', passed: false, why: '1 of 2 CAB approvals.', fix: 'One more CAB member approves.' },
      { rule: 'approval.digest', passed: true, why: 'Every approval binds to the current package.' },
    ],
    emergency: null,
    ...over,
  };
}

const diff: PackageDiffView = {
  release: { key: 'REL-42', title: 'Ledger upgrade', status: 'submitted' },
  against: { kind: 'environment', name: 'production' },
  againstLabel: 'what Production runs now',
  error: null,
  base: { environment: 'production' },
  diff: {
    added: [{ component: 'fraud-scorer', version: '1.0.0', digest: 'c'.repeat(64), notes: 'First release.', workItems: [] }],
    changed: [
      {
        component: 'ledger',
        from: { component: 'ledger', version: '2.3.0', digest: 'd'.repeat(64), notes: '', workItems: [] },
        to: { component: 'ledger', version: '2.4.1', digest: 'e'.repeat(64), notes: 'Double-entry checks.', workItems: [] },
        kind: 'upgrade',
        between: [],
      },
    ],
    removed: [{ component: 'old-batch', version: '0.9.0', digest: 'f'.repeat(64), notes: '', workItems: [] }],
    unchanged: [],
  },
  markdown: '# REL-42 Ledger upgrade\n\n## Changed\n- ledger 2.3.0 → 2.4.1',
  options: { previous: null, environments: [{ name: 'production', displayName: 'Production' }] },
};

const risks: RiskRegisterDto = {
  releaseKey: 'REL-42',
  releaseVersion: 7,
  finished: false,
  noKnownRisks: false,
  risksAssessedAt: '2026-11-20T10:00:00.000Z',
  risks: [
    {
      id: 'r1',
      title: 'Ledger migration locks tables',
      description: '',
      likelihood: 3,
      impact: 5,
      score: 15,
      mitigation: 'Online migration.',
      ownerId: null,
      owner: null,
      status: 'open',
    },
  ],
  heatMap: [
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
  ],
  openCount: 1,
  users: [],
};

const render = async (over: Partial<ApprovalCardProps> = {}) =>
  await renderToString(
    createElement(ApprovalCard, {
      card: fixture(),
      release: null,
      diff,
      risks,
      decideAction: noop,
      confirmEmergencyAction: noop,
      canConfirmEmergency: false,
      ...over,
    }),
  );

const text = (html: string) =>
  html
    .replace(/<!-- -->/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('the approval card', () => {
  it('offers the decision form with the digest the approver saw when they may decide', async () => {
    const html = text(await render());
    expect(html).toContain('name="decision" value="approve"');
    expect(html).toContain('name="decision" value="reject"');
    expect(html).toMatch(/<textarea[^>]*name="comment"/);
    expect(html).toContain(`name="packageDigest" value="${DIGEST}"`);
    expect(html).toContain('name="releaseKey" value="REL-42"');
    expect(html).not.toContain('data-testid="cannot-decide"');
  });

  it('says why instead of the form when the viewer may not decide', async () => {
    const html = text(await render({ card: fixture({ viewerCanDecide: false, viewerCannotDecideBecause: 'You requested this release.' }) }));
    expect(html).toContain('data-testid="cannot-decide"');
    expect(html).toContain('You requested this release.');
    expect(html).not.toContain('name="decision"');
    expect(html).not.toContain('name="packageDigest"');
  });

  it('shows why an invalidated decision no longer counts, in words and not by colour alone', async () => {
    const html = text(await render());
    expect(html).toContain("Invalidated when scope change 'Add ledger 2.4.1' was applied by Priya Shah on 23 Nov");
    expect(html).toContain('>Invalidated<');
    expect(html).toContain('>Counts<');
  });

  it('warns about a requirement that can no longer be met, and names who can still approve', async () => {
    const html = text(await render());
    expect(html).toContain('data-testid="unmeetable"');
    expect(html).toContain('this requirement cannot be met');
    expect(html).toContain('every operations member authored a build in the package');
    expect(html).toContain('Can still approve:');
    expect(html).toContain('Lena Novak (Risk)');
    expect(html).toContain('1 of 2 approvals');
    expect(html).toContain('0 of 1 approvals');
  });

  it('shows scope against production, notes, risk factors, register, gates, and the placeholders', async () => {
    const html = text(await render());
    for (const s of [
      'fraud-scorer',
      '2.3.0',
      '2.4.1',
      'old-batch',
      '# REL-42 Ledger upgrade',
      'Production target',
      '+6',
      'Ledger migration locks tables',
      '1 of 2 CAB approvals.',
      'One more CAB member approves.',
      'Test evidence could not be loaded.',
      'Policy v3',
    ]) {
      expect(html).toContain(s);
    }
    expect(html).toContain('href="/releases/REL-42/diff?against=environment:production"');
  });

  it('offers the emergency confirmation only when it is required, unconfirmed and the viewer may confirm', async () => {
    const emergency = { required: true, confirmBy: '2026-11-23T14:00:00.000Z', confirmedBy: null };
    const allowed = text(await render({ card: fixture({ emergency }), canConfirmEmergency: true }));
    expect(allowed).toContain('Confirm emergency');
    expect(allowed).toContain('23 Nov 2026, 14:00');
    // the confirmation binds to the package digest too
    expect(allowed.match(new RegExp(`name="packageDigest" value="${DIGEST}"`, 'g'))).toHaveLength(2);
    const notAllowed = text(await render({ card: fixture({ emergency }), canConfirmEmergency: false }));
    expect(notAllowed).toContain('Not confirmed yet');
    expect(notAllowed).not.toContain('Confirm emergency');
    expect(text(await render({ card: fixture({ emergency: { ...emergency, confirmedBy: lena } }), canConfirmEmergency: true }))).not.toContain(
      'Confirm emergency',
    );
  });
});

describe('the approval card in French', () => {
  it('speaks French: the decision form, its choices and the sections, with no English left in them', async () => {
    setTestLocale('fr');
    onTestFinished(() => setTestLocale('en'));
    const html = text(await render());
    expect(html).toContain('Votre décision');
    expect(html).toContain('Approuver ou rejeter');
    expect(html).toContain('Le paquet tel que scellé peut avancer.');
    expect(html).toContain('La mise en production retourne à son responsable en brouillon.');
    expect(html).toContain('Enregistrer la décision');
    expect(html).toContain('Approbations requises');
    expect(html).toContain('Historique des approbations');
    expect(html).toContain('aria-label="Décider pour REL-42"');
    for (const english of ['Your decision', 'Approve or reject', 'Record decision', 'Required approvals', 'Approval history'])
      expect(html).not.toContain(english);
    const refused = text(await render({ card: fixture({ viewerCanDecide: false, viewerCannotDecideBecause: null }) }));
    expect(refused).toContain('Vous ne pouvez pas décider de cette mise en production pour l’instant.');
  });
});

describe('the package facts on the card', () => {
  it('warns that a waiting scope change would invalidate the approvals, and shows failed integrity', async () => {
    const pkg = {
      package: { id: 'p', sealedDigest: DIGEST, sealedAt: null, revision: 2 },
      targets: ['production'],
      compatibility: [],
      integrity: { ok: false, problems: ['Stored digest does not match the manifest.'], verifiedAt: '2026-11-22T10:00:00.000Z', by: 'ci', revision: 2 },
      scopeChanges: [
        {
          id: 's1',
          status: 'pending',
          reason: 'Add ledger 2.4.2 hotfix',
          requestedBy: { id: priya.id, name: priya.name },
          items: [{ action: 'add', component: 'ledger', version: '2.4.2', replaces: '2.4.1' }],
        },
      ],
    } as unknown as PackageView;
    const html = text(await render({ pkg }));
    expect(html).toContain('Scope changes waiting');
    expect(html).toContain('Add ledger 2.4.2 hotfix');
    expect(html).toContain('add ledger@2.4.2');
    expect(html).toContain('no longer count');
    expect(html).toContain('>Failed<');
    expect(html).toContain('Stored digest does not match the manifest.');
  });
});

describe('the rejection banner on the release page', () => {
  const base = {
    key: 'REL-42',
    status: 'rejected',
    timezone: 'Europe/London',
    approvals: [],
    transitions: [
      { id: 't1', from: 'draft', to: 'submitted', actor: 'Priya Shah', reason: '', at: '2026-11-20T09:00:00.000Z' },
      { id: 't2', from: 'submitted', to: 'rejected', actor: 'Omar Haddad', reason: 'The back-out plan was never rehearsed.', at: '2026-11-21T09:00:00.000Z' },
    ],
  } as unknown as ReleaseDetailDto;

  it('shows the owner who rejected it and why, at the top, only while it is rejected', async () => {
    const html = text(await renderToString(createElement(RejectionBanner, { r: base })));
    expect(html).toContain('data-testid="rejection-banner"');
    expect(html).toContain('Rejected by Omar Haddad');
    expect(html).toContain('The back-out plan was never rehearsed.');
    expect(await renderToString(createElement(RejectionBanner, { r: { ...base, status: 'draft' } as ReleaseDetailDto }))).toBe('');
  });
});

describe("the release page's approvals section", () => {
  it('links a submitted release to its approval card, and only a submitted one', async () => {
    const r = { key: 'REL-42', status: 'submitted', timezone: 'UTC', package: null, approvalRequirements: [], approvals: [] } as unknown as ReleaseDetailDto;
    expect(text(await renderToString(createElement(ApprovalsSection, { r })))).toContain('href="/approvals/REL-42">Open the approval card');
    expect(text(await renderToString(createElement(ApprovalsSection, { r: { ...r, status: 'draft' } as ReleaseDetailDto })))).not.toContain(
      'Open the approval card',
    );
  });
});

describe('notification kinds', () => {
  // a kind's name as the inbox shows it (app/(app)/notifications/page.tsx), in English
  const t = createTranslator({ locale: 'en', messages: messagesFor('en'), namespace: 'notifications' });
  const named = (kind: string) => {
    const info = notificationKind(kind);
    return info.words || t(`kinds.${info.label}`);
  };
  it('names the four approval kinds and leads to the approval card where one acts', () => {
    expect(named('approval.requested')).toBe('Approval requested');
    expect(named('approval.decided')).toBe('Decision made');
    expect(named('approval.invalidated')).toBe('Approvals invalidated');
    expect(named('approval.expiring')).toBe('Approval about to expire');
    expect(named('something.new')).toBe('Something new');
    const release = { key: 'REL-7' };
    expect(notificationHref({ kind: 'approval.requested', link: '/releases/REL-7', release })).toBe('/approvals/REL-7');
    expect(notificationHref({ kind: 'approval.decided', link: '/releases/REL-7', release })).toBe('/releases/REL-7');
    expect(notificationHref({ kind: 'approval.expiring', link: '/releases/REL-7#approval-abc', release })).toBe('/approvals/REL-7#approval-abc');
    // links written since the release page is in parts name the approvals part
    expect(notificationHref({ kind: 'approval.expiring', link: '/releases/REL-7/approvals#approval-abc', release })).toBe('/approvals/REL-7#approval-abc');
    expect(notificationHref({ kind: 'approval.requested', link: '/releases/REL-7/approvals', release })).toBe('/approvals/REL-7');
    expect(notificationHref({ kind: 'approval.requested', link: '/releases/REL-8', release })).toBe('/releases/REL-8');
    expect(notificationHref({ kind: 'approval.decided', link: null, release: null })).toBeNull();
  });
});

describe('the conflicts and freezes section', () => {
  it('lists the windows and every scheduling problem, or says there are none', async () => {
    const { ConflictsSection } = await import('@/components/approvals/approval-card');
    const base = {
      key: 'REL-9',
      status: 'approved',
      version: 3,
      timezone: 'Europe/London',
      canEdit: false,
      acknowledgeable: [],
      windows: [
        {
          environmentId: 'e1',
          environment: 'production',
          displayName: 'Production',
          tier: 'production',
          position: 4,
          start: 'x',
          end: 'y',
          startLocal: '',
          endLocal: '',
          label: '5 Dec 12:00–14:00 Europe/London',
        },
      ],
    };
    const problems = await renderToString(
      createElement(ConflictsSection, {
        schedule: {
          ...base,
          check: {
            ok: false,
            gates: [],
            problems: [{ rule: 'schedule.freeze', message: 'Weekend production freeze covers production.', acknowledgeable: false, acknowledged: false }],
          },
        } as never,
      }),
    );
    expect(problems).toContain('5 Dec 12:00–14:00 Europe/London');
    expect(problems).toContain('Weekend production freeze covers production.');
    const clean = await renderToString(createElement(ConflictsSection, { schedule: { ...base, check: { ok: true, gates: [], problems: [] } } as never }));
    expect(clean).toContain('no conflict with another release');
    expect(
      await renderToString(createElement(ConflictsSection, { schedule: { ...base, windows: [], check: { ok: false, gates: [], problems: [] } } as never })),
    ).toContain('No window is set yet');
  });
});

describe('approval gates (decision 051)', () => {
  it('shows approvals still to come in grey, and red only for a gate nobody waits out', async () => {
    const { GatesSection } = await import('@/components/approvals/approval-card');
    const waiting = await renderToString(
      createElement(GatesSection, {
        card: fixture({
          gates: [
            { rule: 'approvals.quorum.cab', passed: false, why: 'CAB: 1 of 2 valid approvals.', fix: 'One more CAB member approves.' },
            { rule: 'approvals.digest', passed: true, why: 'Every counted approval is about the current package digest.' },
          ],
        }),
      }),
    );
    expect(waiting).toContain('CAB: 1 of 2 valid approvals.');
    expect(waiting).not.toContain('bg-red-100');
    expect(waiting).toMatch(/<summary[^>]*>1 check passed<\/summary>/);
    expect(waiting).toMatch(/<summary[^>]*>Details<\/summary><p[^>]*>Rule <code[^>]*>approvals.quorum.cab<\/code>/);
    const blocked = await renderToString(
      createElement(GatesSection, {
        card: fixture({ gates: [{ rule: 'approvals.quorum', passed: false, why: 'No requirements.', fix: 'Return it to draft.' }] }),
      }),
    );
    expect(blocked).not.toContain('bg-red-100');
    const other = await renderToString(
      createElement(GatesSection, { card: fixture({ gates: [{ rule: 'approvals.other', passed: false, why: 'Something else.', fix: 'Fix it.' }] }) }),
    );
    expect(other).toContain('bg-red-100');
  });
});
