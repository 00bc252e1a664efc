import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { renderToString } from '@/tests/support/render';
import { setTestLocale } from '@/tests/support/intl-config';
import { PolicyDocumentSchema } from '@/lib/domain/policy';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';
import { makeTeam } from '../support/factories';
import { actorsWith, withFreshDatabase } from '../support/suite';

// The words of lib/domain's vocabularies (roles, statuses, tiers, notification kinds, integration
// events) on French pages: said in French, never the English constants, while the values sent
// back to the server stay the enum keys. The lifecycle step's are in lifecycle-render.test.ts
// (files share a worker's modules, so a page that reads the session is rendered by one file only).

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { default: UsersPage } = await import('@/app/(app)/admin/users/page');
const { EnvironmentsSection } = await import('@/app/(app)/releases/[key]/_sections/environments-section');
const { PolicyView } = await import('@/components/policy/policy-view');
const { RiskForm } = await import('@/components/release-forms/risk-form');
const { PreferencesForm } = await import('@/app/(app)/profile/notifications/preferences-form');
const { EventChoices } = await import('@/components/admin/integrations/event-choices');

let h: DbHandle;
let admin: Actor;

withFreshDatabase(async (db) => {
  h = db;
  [admin] = await actorsWith(db, ['admin', 'approver']);
  await makeTeam(h.prisma, 'Paiements');
});

afterEach(() => setTestLocale('en'));

const text = (html: string) => html.replace(/<!-- -->/g, '');
const optionsOf = (html: string, selectId: string) => {
  const select = new RegExp(`<select[^>]*id="${selectId}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option[^>]*value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
};

describe('roles on the admin users page, in French', () => {
  it('names the roles in the filter, the create form and the list in French, and sends the role keys', async () => {
    setTestLocale('fr');
    session.actor = admin;
    const html = text(await renderToString(await UsersPage({ searchParams: Promise.resolve({}) })));
    expect(optionsOf(html, 'filter-role')).toEqual(
      expect.arrayContaining([
        ['admin', 'Administrateur'],
        ['release_manager', 'Responsable des mises en production'],
        ['approver', 'Approbateur'],
        ['operations', 'Exploitation'],
        ['viewer', 'Lecteur'],
      ]),
    );
    // the create form's role choices, and the list's roles column
    expect(html).toMatch(/value="approver"[^>]*\/?>[\s\S]{0,400}?Approbateur/);
    expect(html).toContain('Administrateur, Approbateur');
    for (const english of ['>Release manager<', '>Approver<', '>Viewer<', 'Admin, Approver']) expect(html).not.toContain(english);
  });
});

describe('other domain words, in French', () => {
  it('says the tier of a target environment, the roles of the policy and the risk statuses in French', async () => {
    setTestLocale('fr');
    const target = { name: 'production', displayName: 'Production', tier: 'staging', protected: false, scheduledStart: null, scheduledEnd: null };
    const envs = text(await renderToString(createElement(EnvironmentsSection, { r: { targets: [target], timezone: 'UTC' } as never })));
    expect(envs).toMatch(/>Préproduction<\/td>/);
    expect(envs).not.toContain('Staging');

    const policy = text(await renderToString(createElement(PolicyView, { policy: PolicyDocumentSchema.parse(DEMO_POLICY_DOCUMENT) })));
    expect(policy).toContain('Approbateur');
    expect(policy).not.toMatch(/>Approver</);

    const risk = { id: 'r1', title: 'Perte', description: '', likelihood: 2, impact: 3, mitigation: '', ownerId: null, status: 'mitigated' };
    const form = text(
      await renderToString(
        createElement(RiskForm, { action: async () => ({ status: 'idle' }) as never, releaseKey: 'REL-1', risk, users: [], submitLabel: 'Enregistrer' }),
      ),
    );
    expect(optionsOf(form, 'risk-r1-status')).toEqual([
      ['open', 'Ouvert'],
      ['mitigated', 'Atténué'],
      ['accepted', 'Accepté'],
      ['closed', 'Clos'],
    ]);
  });

  it('names the notification kinds and their groups, and the integration events, in French', async () => {
    setTestLocale('fr');
    const row = (kind: string, label: string, description: string) => ({
      kind,
      label,
      description,
      choice: { inApp: true, email: 'digest' as const },
      default: { inApp: true, email: 'digest' as const },
      custom: false,
      security: false,
    });
    const prefs = {
      groups: [{ title: 'Approvals', kinds: [row('approval.requested', 'Approval requested', 'A release waits for your decision.')] }],
      customCount: 0,
    };
    const noop = async () => ({ status: 'idle' }) as never;
    const html = text(await renderToString(createElement(PreferencesForm, { prefs: prefs as never, save: noop, reset: noop })));
    expect(html).toContain('>Approbations</legend>');
    expect(html).toContain('Approbation demandée');
    expect(html).toContain('Une mise en production attend votre décision.');
    expect(html).toContain('name="email:approval.requested"');
    expect(html).not.toContain('Approval requested');

    const choices = [{ value: 'release.deploying', label: 'Deploying', description: 'The first deployment of the release started.' }];
    const events = text(await renderToString(createElement(EventChoices, { name: 'chat', choices, defaultValues: [] })));
    expect(events).toContain('En déploiement');
    expect(events).toContain('value="release.deploying"');
    expect(events).not.toContain('Deploying');
  });
});
