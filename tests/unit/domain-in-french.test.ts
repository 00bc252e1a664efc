import { describe, expect, it } from 'vitest';
import { separationOfDuties } from '@/lib/domain/approvals';
import { compare, formatFigure, DORA_DEFINITIONS } from '@/lib/domain/dora';
import { EVENT_LABELS } from '@/lib/domain/events';
import { describeFreezeHit, overrideConfirmRefusal } from '@/lib/domain/freeze';
import { pageRule } from '@/lib/domain/page-access';
import { parsePolicy, PolicyDocumentSchema } from '@/lib/domain/policy';
import { describePolicyChanges } from '@/lib/domain/policy-diff';
import { validateRecurrence } from '@/lib/domain/recurrence';
import { computeReleaseMetrics } from '@/lib/domain/release-metrics';
import { nextStepFor } from '@/lib/domain/release-parts';
import { computeRiskLevel } from '@/lib/domain/risk-level';
import { describeTemplateBody, TemplateBodySchema, TemplateNameSchema } from '@/lib/domain/templates';
import { cutoffCountdown, departureMetrics, lateJoinGrantRefusal } from '@/lib/domain/trains';
import { parseWorkItemLines } from '@/lib/domain/work-items';
import { localize } from '@/lib/server/say';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';

// Sentences built in lib/domain reach French pages in French (decision 060): each is said in
// English (the domain tests check that English) and localize(…, 'fr') gives it back in French.

const NB = '\u00a0';
const fr = (text: string) => localize(text, 'fr');
const policy = PolicyDocumentSchema.parse(DEMO_POLICY_DOCUMENT);

describe('lib/domain in French', () => {
  it('the policy form’s errors and the policy’s change summary', () => {
    const bad = structuredClone(policy) as { approvals: { expiryDays: number }; risk: { thresholds: { medium: number; high: number } } };
    bad.approvals.expiryDays = 0;
    bad.risk.thresholds.medium = bad.risk.thresholds.high + 1;
    const parsed = parsePolicy(bad);
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? {} : parsed.errors;
    expect(errors['approvals.expiryDays']).toEqual(['Approvals last at least a day.']);
    expect(fr(errors['approvals.expiryDays']![0]!)).toBe('Les approbations durent au moins un jour.');
    expect(fr(errors['risk.thresholds']![0]!)).toBe(`Les seuils doivent croître${NB}: moyen < élevé < critique.`);

    const after = structuredClone(policy);
    after.approvals.expiryDays = 5;
    after.gates.planTasksNeedOwners = !policy.gates.planTasksNeedOwners;
    const texts = describePolicyChanges(policy, after).map((c) => c.text);
    expect(texts).toContain(`Approval expiry (days): ${policy.approvals.expiryDays} → 5`);
    expect(texts.map(fr)).toContain(`Expiration des approbations (jours)${NB}: ${policy.approvals.expiryDays} → 5`);
    expect(texts.map(fr)).toContain(`Les tâches du plan ont besoin d’un responsable${NB}: ${policy.gates.planTasksNeedOwners ? 'oui → non' : 'non → oui'}`);
  });

  it('the release page’s next step', () => {
    const step = nextStepFor('approved', () => true, 'REL-1')!;
    expect(step.text).toBe('Schedule the release: choose a window per environment outside freezes and conflicts.');
    expect(fr(step.text)).toBe(`Planifiez la mise en production${NB}: choisissez une fenêtre par environnement, hors gels et conflits.`);
  });

  it('templates: their name’s errors and what they hold', () => {
    const name = TemplateNameSchema.safeParse('ab');
    expect(name.success).toBe(false);
    expect(fr(name.error!.issues[0]!.message)).toBe('Les noms de modèle font au moins 3 caractères.');
    const body = TemplateBodySchema.parse({ type: 'major', components: ['web', 'api'], tasks: [{ name: 'Deploy', estimateMinutes: 10 }] });
    const holds = describeTemplateBody(body);
    expect(holds).toBe('major release, 2 components, 1 plan task, 0 risks');
    expect(fr(holds)).toBe('mise en production majeure, 2 composants, 1 tâche du plan, 0 risque');
  });

  it('approvals: separation of duties', () => {
    const person = { id: 'u1', email: 'a@example.com', roles: ['approver'], teamSlug: null };
    const why = separationOfDuties(person, { key: 'REL-7', ownerId: 'u2', requesterId: 'u1', buildAuthorIds: [], buildAuthorEmails: [] })!;
    expect(why).toBe('You requested REL-7: separation of duties means someone else must approve it.');
    expect(fr(why)).toBe(`Vous avez demandé REL-7${NB}: la séparation des tâches veut que quelqu’un d’autre l’approuve.`);
    const noKey = separationOfDuties(person, { ownerId: 'u1', requesterId: 'u3', buildAuthorIds: [], buildAuthorEmails: [] })!;
    expect(fr(noKey)).toBe(`Vous êtes responsable de cette mise en production${NB}: la séparation des tâches veut que quelqu’un d’autre l’approuve.`);
  });

  it('the risk level’s factors', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const r = computeRiskLevel(policy, {
      type: 'major',
      componentTiers: [1, 3],
      componentNames: ['billing-api', 'docs'],
      targetsProduction: true,
      packageSize: 2,
      openRiskScores: [],
      recentFailures: [{ component: 'billing-api', at: new Date('2026-11-20T09:00:00Z'), kind: 'backout' }],
      now,
    });
    expect(r.factors.map((f) => fr(f.name))).toEqual([
      'Type de mise en production',
      'Criticité des composants',
      'Cible de production',
      'Taille du paquet',
      'Risques ouverts',
      'Échecs récents',
    ]);
    const detail = (name: string) => fr(r.factors.find((f) => f.name === name)!.detail);
    expect(detail('Release type')).toBe('Mise en production majeure');
    expect(detail('Component criticality')).toBe('billing-api est de niveau 1');
    expect(detail('Recent failures')).toBe('billing-api a fait l’objet d’un retour arrière le 20 nov.');
  });

  it('a release’s metrics, with a day as j', () => {
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    const m = computeReleaseMetrics({
      buildTimes: [new Date(t0)],
      plannedStart: null,
      plannedEnd: null,
      deployments: [],
      transitions: [],
      now: new Date(t0 + 50 * 3_600_000),
    });
    expect(m.leadTime.text).toBe('Not in production yet (first build 2 d 2 h ago).');
    expect(fr(m.leadTime.text)).toBe('Pas encore en production (premier build il y a 2 j 2 h).');
    expect(fr(m.approvalWait.text)).toBe('Pas encore soumise à approbation.');
  });

  it('delivery metrics: definitions, figures and comparisons', () => {
    expect(fr(DORA_DEFINITIONS.changeFailureRate.title)).toBe('Taux d’échec des changements');
    expect(fr(formatFigure('changeFailureRate', 0.125))).toBe('12,5\u202f%');
    expect(fr(formatFigure('deploymentFrequency', 1.5))).toBe('1,5 par semaine');
    const up = compare('deploymentFrequency', 3, 2).text;
    expect(up).toBe('Up 1 per week from 2 per week in the previous period: better.');
    expect(fr(up)).toBe(`En hausse de 1 par semaine par rapport à 2 par semaine sur la période précédente${NB}: c’est mieux.`);
  });

  it('trains: countdowns, sums and the late-join refusal', () => {
    const left = cutoffCountdown(new Date('2026-06-15T09:00:00Z'), new Date('2026-06-13T06:00:00Z')).text;
    expect(left).toBe('2 d 3 h left to join');
    expect(fr(left)).toBe('2 j 3 h pour rejoindre');
    const sums = departureMetrics([
      { status: 'closed', deployedToTargets: true, failedDeployments: 1, backouts: 0, leadTimeMs: 3_600_000 },
      { status: 'cancelled', deployedToTargets: false, failedDeployments: 0, backouts: 2, leadTimeMs: null },
    ]).text;
    expect(fr(sums)).toBe('1 sur 2 livrées, 1 abandonnée, 1 déploiement en échec, 2 retours arrière, délai moyen 1 h');
    expect(fr(lateJoinGrantRefusal('u1', null)!)).toBe('Seule une personne connectée peut accorder une exception d’inscription tardive.');
  });

  it('work items, freezes and windows: what is wrong, in words', () => {
    const parsed = parseWorkItemLines('PAY-1 Fix it\n!!bad key');
    expect(parsed.errors).toHaveLength(1);
    expect(fr(parsed.errors[0]!)).toMatch(new RegExp(`^Ligne 2${NB}: «${NB}!!bad${NB}» n’est pas une clé d’élément de travail\\.`));

    expect(fr(overrideConfirmRefusal('u1', 'u1')!)).toMatch(/^Vous avez demandé cette dérogation/);
    const hit = describeFreezeHit(
      {
        freeze: {
          id: 'f1',
          name: 'Year-end freeze',
          reason: '',
          recurrence: { kind: 'one_off', startsAt: new Date('2026-12-21T00:00:00Z'), endsAt: new Date('2027-01-04T06:00:00Z') },
          environmentIds: [],
          componentIds: [],
          active: true,
        },
        occurrence: { start: new Date('2026-12-21T00:00:00Z'), end: new Date('2027-01-04T06:00:00Z') },
      },
      'UTC',
    );
    expect(hit).toBe('Year-end freeze (21 Dec 2026 00:00 – 4 Jan 2027 06:00 UTC) covers this deployment.');
    expect(fr(hit)).toBe('Year-end freeze (21 déc. 2026 00:00 – 4 janv. 2027 06:00 UTC) couvre ce déploiement.');

    const window = validateRecurrence({ kind: 'recurring', rrule: 'FREQ=WEEKLY;BYWEEKNO=3', durationMinutes: 0, timezone: 'Mars/Olympus' });
    expect(window.ok).toBe(false);
    const errors = window.ok ? {} : window.errors;
    expect(fr(errors.timezone![0]!)).toBe(`«${NB}Mars/Olympus${NB}» n’est pas un fuseau horaire IANA connu (par exemple Europe/Paris).`);
    expect(fr(errors.durationMinutes![0]!)).toBe('La durée doit aller de 1 minute à 14 jours (20160 minutes).');
    expect(fr(errors.rrule![0]!)).toBe('BYWEEKNO ne fonctionne qu’avec FREQ=YEARLY.');
  });

  it('names of pages, events and notification kinds', () => {
    expect(fr(pageRule('/admin/audit')!.title)).toBe('Journal d’audit');
    expect(fr(EVENT_LABELS['release.approved'].label)).toBe('Mise en production approuvée');
  });
});

describe('recurrences in French', () => {
  it('says a weekly rule, a cron rule and a one-off window in French, English unchanged', async () => {
    const { describeRecurrence, describeRecurrenceIn } = await import('@/lib/domain/recurrence');
    const weekly = { kind: 'recurring' as const, rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0', durationMinutes: 60 * 60, timezone: 'Europe/London' };
    const english = describeRecurrence(weekly);
    expect(english).toBe('Every Friday at 18:00 for 2 days 12 hours (Europe/London)');
    expect(fr(english)).toBe('Chaque vendredi à 18:00 pendant 2 jours 12 heures (Europe/London)');
    const cron = { kind: 'recurring' as const, cron: '0 18 * * 5', durationMinutes: 90, timezone: 'UTC' };
    expect(describeRecurrenceIn(cron, 'fr')).toBe('À 18:00, uniquement le vendredi pendant 1 heure 30 minutes (UTC)');
    const once = { kind: 'one_off' as const, startsAt: new Date('2040-12-24T00:00:00Z'), endsAt: new Date('2040-12-27T06:00:00Z'), timezone: 'UTC' };
    expect(fr(describeRecurrence(once))).toBe('Une fois, du lun. 24 déc. 2040 00:00 au jeu. 27 déc. 2040 06:00 (UTC)');
    const monthly = { kind: 'recurring' as const, rrule: 'FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=20;BYMINUTE=0', durationMinutes: 120, timezone: 'UTC' };
    expect(describeRecurrenceIn(monthly, 'fr')).toBe('Chaque mois, le dernier vendredi à 20:00 pendant 2 heures (UTC)');
  });
});
