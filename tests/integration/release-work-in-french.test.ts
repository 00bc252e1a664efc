import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { localize, localizeFailure } from '@/lib/server/say';
import { Refusal } from '@/lib/server/errors';
import { executeBackout, getBackoutPlan, recordRehearsal, REHEARSAL_WORDS, saveBackoutPlan } from '@/lib/server/backout';
import { addVerification, recordDeployment, updateDeploymentStatus } from '@/lib/server/deployments';
import { acknowledgeConflict, deploymentWindowCheck, getSchedule, scheduleRelease, suggestSlots } from '@/lib/server/scheduling';
import { createFreezeWindow, listFreezeWindows, requestFreezeOverride } from '@/lib/server/freezes';
import { transitionRelease } from '@/lib/server/transitions';
import { addPlanTask, startPlanTask } from '@/lib/server/plan';
import { addRisk } from '@/lib/server/risks';
import { addActionItem, getReview, saveReview } from '@/lib/server/reviews';
import { listReleases } from '@/lib/server/releases';
import { resolveRelease } from '@/lib/server/release-ref';
import { describeFreezeHit, overrideConfirmRefusal } from '@/lib/domain/freeze';
import { releaseKey } from '@/lib/domain/release-key';
import type { GateResult } from '@/lib/domain/result';
import { freshDatabase } from '../support/db';
import { makeBuild, makeComponent, makeUser, systemActor, uid, uniqueInt } from '../support/factories';

// What release work (lib/server backout, deployments, scheduling, freezes, transitions, plan,
// risks, reviews, releases) refuses and says, in French (docs/decisions/060): the English is
// what the other tests compare; here each sentence comes back in French, with its values.

let h: DbHandle;
let rm: Actor;
let ops: Actor;
let admin: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  ops = (await makeUser(h.prisma, ['operations'], { name: 'Otto Ops' })).actor;
  admin = (await makeUser(h.prisma, ['admin'], { name: 'Ada Admin' })).actor;
});

afterAll(async () => {
  await h?.close();
});

async function environment(tier: 'staging' | 'production' = 'staging') {
  const name = `env-${uid()}`;
  return h.prisma.environment.create({ data: { name, displayName: `Env ${name}`, tier, position: uniqueInt() % 1_000_000_000 } });
}

async function release(opts: { status?: 'draft' | 'approved' | 'deployed'; environments?: { id: string }[]; windows?: [string, Date, Date][] } = {}) {
  const r = await h.prisma.release.create({
    data: { title: `Release ${uid()}`, type: 'normal', ownerId: rm.id!, requesterId: rm.id!, status: opts.status ?? 'draft', timezone: 'Europe/London' },
  });
  const pkg = await h.prisma.releasePackage.create({ data: { releaseId: r.id } });
  const component = await makeComponent(h.prisma);
  const build = await makeBuild(h.prisma, { componentId: component.id });
  await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: component.id, buildId: build.id } });
  for (const e of opts.environments ?? []) {
    const w = opts.windows?.find(([id]) => id === e.id);
    await h.prisma.releaseEnvironment.create({ data: { releaseId: r.id, environmentId: e.id, scheduledStart: w?.[1] ?? null, scheduledEnd: w?.[2] ?? null } });
  }
  return { id: r.id, key: releaseKey(r.number), version: r.version, component: component.name };
}

/** The failure of a mutation result, in French; the English is checked first. */
function french<R extends { ok: boolean }>(result: R, english: string | RegExp) {
  expect(result.ok).toBe(false);
  const failure = result as unknown as { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]>; gates?: GateResult[] };
  if (typeof english === 'string') expect(failure.message).toBe(english);
  else expect(failure.message).toMatch(english);
  return localizeFailure(failure, 'fr');
}

async function refusalOf(p: Promise<unknown>): Promise<Refusal> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('transitions in French', () => {
  it('the version field, the reason a cancellation needs and an unknown release', async () => {
    const r = await release();
    const bad = french(await transitionRelease.as(rm)({ releaseKey: r.key, to: 'submitted', version: 'x' }), 'Some fields need attention.');
    expect(bad.fieldErrors!.version).toEqual([
      'Envoyez la dernière version de la mise en production que vous avez vue (un nombre entier)\u00a0: rechargez la page.',
    ]);

    const cancel = french(await transitionRelease.as(rm)({ releaseKey: r.key, to: 'cancelled', version: r.version }), 'Some fields need attention.');
    expect(cancel.fieldErrors!.reason).toEqual(['Dites pourquoi la mise en production est annulée\u00a0: la raison est conservée dans son historique.']);

    const missing = await refusalOf(resolveRelease(h.prisma, 'REL-999999999'));
    expect(missing.message).toBe('Release REL-999999999 was not found, or you may not see it.');
    expect(localize(missing.message, 'fr')).toBe('La mise en production REL-999999999\u00a0: introuvable, ou vous n’avez pas le droit de le voir.');
  });

  it('a refused transition names its unmet gates in French', async () => {
    const r = await release();
    const refused = french(
      await transitionRelease.as(rm)({ releaseKey: r.key, to: 'submitted', version: r.version }),
      /^REL-\d+ cannot be submitted: \d+ gates? (is|are) not met\.$/,
    );
    expect(refused.message).toMatch(/^REL-\d+ ne peut pas être soumise\u00a0: \d+ contrôles? n/);
  });
});

describe('scheduling in French', () => {
  it('a window for an environment the release does not target, and acknowledging a freeze', async () => {
    const stg = await environment();
    const r = await release({ status: 'approved', environments: [stg] });
    const res = french(
      await scheduleRelease.as(rm)({
        releaseKey: r.key,
        version: r.version,
        timezone: 'Europe/London',
        windows: [{ environment: 'nowhere', start: '2031-01-01T10:00', end: '2031-01-01T11:00' }],
      }),
      'Some windows need attention.',
    );
    expect(res.message).toBe('Certaines fenêtres sont à revoir.');
    expect(res.fieldErrors!['windows.0.environment']).toEqual([
      `nowhere n’est pas un environnement cible de ${r.key}\u00a0: ses cibles sont ${stg.name} (modifiez-les dans Modifier la mise en production).`,
    ]);

    const ack = french(
      await acknowledgeConflict.as(rm)({ releaseKey: r.key, otherReleaseKey: 'REL-1', kind: 'freeze', reason: 'Because it has to go out.' }),
      /^A freeze cannot be acknowledged/,
    );
    expect(ack.message).toBe(
      'Un gel ne peut pas être simplement pris en compte\u00a0: sortez la fenêtre du gel, ou demandez une dérogation au gel (une deuxième personne doit la confirmer).',
    );
  });

  it('the problems a page shows, a slot search refused, and the deployment-time check', async () => {
    const stg = await environment();
    const r = await release({ status: 'approved', environments: [stg] });
    const s = await getSchedule(rm, r.key);
    expect(s!.check.problems.map((p) => p.message)).toEqual([`${stg.name} has no window yet: set its start and end.`]);
    expect(localize(s!.check.problems[0]!.message, 'fr')).toBe(`${stg.name} n’a pas encore de fenêtre\u00a0: indiquez son début et sa fin.`);
    // the gate lists the same problem as a clause, said too
    expect(localize(`${stg.name} has no window yet: set its start and end`, 'fr')).toBe(
      `${stg.name} n’a pas encore de fenêtre\u00a0: indiquez son début et sa fin`,
    );

    const slots = await refusalOf(suggestSlots(rm, r.key, stg.name, 0));
    expect(localize(slots.message, 'fr')).toBe('La durée est un nombre entier de minutes, de 1 à 20160.');

    const check = await h.prisma.$transaction((tx) => deploymentWindowCheck(tx, r.id, stg.id, new Date()));
    expect(check.problems).toEqual([`${stg.name} has no scheduled window`]);
    expect(localize(check.problems[0]!, 'fr')).toBe(`${stg.name} n’a pas de fenêtre planifiée`);
  });
});

describe('freezes in French', () => {
  it('unknown names in the scope, an override asked by no one, and the scope a list shows', async () => {
    const res = french(
      await createFreezeWindow.as(admin)({
        name: `Freeze ${uid()}`,
        reason: 'Peak trading.',
        kind: 'one_off',
        startsAt: '2031-12-20T00:00',
        endsAt: '2031-12-27T00:00',
        timezone: 'Europe/London',
        environments: ['no-such-env'],
        components: ['no-such-component'],
      }),
      'The freeze window needs attention: see the highlighted fields.',
    );
    expect(res.message).toBe('La fenêtre de gel est à revoir\u00a0: voyez les champs signalés.');
    expect(res.fieldErrors!.environments![0]).toMatch(/^Aucun environnement ne s’appelle «\u00a0no-such-env\u00a0»\. Environnements connus\u00a0: /);
    expect(res.fieldErrors!.components).toEqual([
      'Aucun composant ne s’appelle «\u00a0no-such-component\u00a0». Vérifiez les noms dans le catalogue (en minuscules, par exemple billing-api).',
    ]);

    const r = await release({ status: 'approved' });
    const system = french(
      await requestFreezeOverride.as(systemActor(['admin']))({ releaseKey: r.key, freezeId: 'x', environmentName: 'y', reason: 'x'.repeat(40) }),
      /^A freeze override is requested by a person/,
    );
    expect(system.message).toMatch(/^Une dérogation au gel est demandée par une personne\u00a0: connectez-vous/);

    const stg = await environment();
    const made = await createFreezeWindow.as(admin)({
      name: `Freeze ${uid()}`,
      reason: 'Peak trading.',
      kind: 'one_off',
      startsAt: '2031-12-20T00:00',
      endsAt: '2031-12-27T00:00',
      timezone: 'Europe/London',
      environments: [stg.name],
    });
    expect(made.ok).toBe(true);
    const listed = (await listFreezeWindows(admin)).find((f) => made.ok && f.id === made.data.id)!;
    expect(listed.scope).toBe(`All components in ${stg.name}`);
    expect(localize(listed.scope, 'fr')).toBe(`Tous les composants en ${stg.name}`);
  });

  it('a freeze hit and the two-person rule (lib/domain/freeze)', () => {
    const freeze = {
      id: 'f1',
      name: 'Year-end',
      reason: 'Peak trading.',
      recurrence: { kind: 'one_off' as const, startsAt: new Date('2031-12-20T00:00:00Z'), endsAt: new Date('2031-12-27T00:00:00Z'), timezone: 'UTC' },
      environmentIds: [],
      componentIds: [],
      active: true,
    };
    const hit = describeFreezeHit({ freeze, occurrence: { start: freeze.recurrence.startsAt, end: freeze.recurrence.endsAt } }, 'UTC', 'production');
    expect(hit).toBe('Year-end (20 Dec 2031 00:00 – 27 Dec 2031 00:00 UTC) covers production: Peak trading.');
    expect(localize(hit, 'fr')).toBe('Year-end (20 déc. 2031 00:00 – 27 déc. 2031 00:00 UTC) couvre production\u00a0: Peak trading.');
    expect(localize(hit.replace(/\.$/, ''), 'fr')).toBe('Year-end (20 déc. 2031 00:00 – 27 déc. 2031 00:00 UTC) couvre production\u00a0: Peak trading');
    expect(localize(overrideConfirmRefusal('u1', 'u1')!, 'fr')).toMatch(/^Vous avez demandé cette dérogation/);
  });
});

describe('deployments in French', () => {
  it('an unknown environment, an unknown deployment and an evidence link that is not one', async () => {
    const r = await release({ status: 'approved' });
    const env = french(await recordDeployment.as(ops)({ releaseKey: r.key, environment: 'nowhere' }), /^Environment "nowhere" was not found/);
    expect(env.message).toBe('L’environnement «\u00a0nowhere\u00a0» est introuvable. Utilisez un nom d’environnement comme staging.');
    expect(env.fieldErrors!.environment).toEqual(['Aucun environnement ne porte ce nom.']);

    const gone = french(
      await updateDeploymentStatus.as(ops)({ id: 'no-such-deployment', status: 'succeeded' }),
      /^Deployment no-such-deployment was not found/,
    );
    expect(gone.message).toBe('Le déploiement no-such-deployment\u00a0: introuvable, ou vous n’avez pas le droit de le voir.');

    const link = french(
      await addVerification.as(ops)({ deploymentId: 'no-such-deployment', name: 'smoke', status: 'passed', evidenceUrl: 'ftp://x' }),
      'Some fields need attention.',
    );
    expect(link.fieldErrors!.evidenceUrl).toEqual(['Donnez un lien http:// ou https:// vers la preuve, ou laissez le champ vide.']);
  });
});

describe('back-out in French', () => {
  it('a target outside the package, a rehearsal without a plan, and a back-out of a draft', async () => {
    const r = await release();
    const plan = french(
      await saveBackoutPlan.as(rm)({
        releaseKey: r.key,
        version: r.version,
        expectedDurationMinutes: 30,
        triggerCriteria: 'Errors above 2%.',
        steps: [{ description: 'Roll back', expectedMinutes: 10 }],
        targets: [{ component: 'not-in-package' }],
      }),
      'The back-out targets have problems: see each target.',
    );
    expect(plan.message).toBe('Les cibles du retour arrière posent problème\u00a0: voyez chaque cible.');
    expect(plan.fieldErrors!['targets.0.component']).toEqual([
      `not-in-package n’est pas dans le paquet de ${r.key} (il contient ${r.component})\u00a0: une cible de retour arrière est un composant que la mise en production modifie.`,
    ]);

    const rehearsal = french(await recordRehearsal.as(rm)({ releaseKey: r.key, at: '2026-01-01', result: 'passed' }), /has no back-out plan yet/);
    expect(rehearsal.message).toBe(`${r.key} n’a pas encore de plan de retour arrière\u00a0: rédigez d’abord le plan, puis enregistrez sa répétition.`);

    const backout = french(
      await executeBackout.as(ops)({ releaseKey: r.key, environment: 'staging', reason: 'Errors.' }),
      `${r.key} cannot be rolled back: it is draft.`,
    );
    expect(backout.message).toBe(`${r.key} ne peut pas revenir en arrière\u00a0: elle est brouillon.`);
    expect(backout.gates![0]!.why).toMatch(
      /^Une mise en production brouillon ne peut pas revenir en arrière\u00a0: seule une mise en production (en déploiement|déployée)/,
    );

    const view = await getBackoutPlan(rm, r.key);
    expect(view!.facts.problems).toEqual(['there is no back-out plan']);
    expect(localize(view!.facts.problems[0]!, 'fr')).toBe('il n’y a pas de plan de retour arrière');
    expect(localize(REHEARSAL_WORDS.passed_with_notes, 'fr')).toBe('réussie avec des notes');
  });
});

describe('plan and risks in French', () => {
  it('field errors, a missing task and a task that cannot start', async () => {
    const r = await release();
    const estimate = french(await addPlanTask.as(rm)({ releaseKey: r.key, name: 'Deploy', estimateMinutes: 0 }), 'Some fields need attention.');
    expect(estimate.fieldErrors!.estimateMinutes).toEqual(['Une estimation est d’au moins 1 minute.']);

    const missing = french(await startPlanTask.as(rm)({ taskId: 'no-such-task' }), /^That plan task was not found/);
    expect(missing.message).toBe('Cette tâche du plan\u00a0: introuvable, ou vous n’avez pas le droit de le voir.');

    const risk = french(await addRisk.as(rm)({ releaseKey: r.key, title: 'Data loss', likelihood: 9, impact: 2 }), 'Some fields need attention.');
    expect(risk.fieldErrors!.likelihood).toEqual(['Choisissez la probabilité, de 1 (la plus faible) à 5 (la plus forte).']);
  });
});

describe('reviews and the release list in French', () => {
  it('action items before deployment, an incomplete review, and a cursor from elsewhere', async () => {
    const r = await release();
    const item = french(
      await addActionItem.as(rm)({ releaseKey: r.key, title: 'Fix the alerts', ownerId: rm.id!, dueDate: '2031-01-01' }),
      /^REL-\d+ is draft: review action items can be added only while the release is .+\. Action items come from the post-release review, which starts after deployment\.$/,
    );
    expect(item.message).toMatch(/^REL-\d+ est brouillon/);
    expect(item.message).toMatch(/Les actions viennent de la revue post-mise en production, qui commence après le déploiement\.$/);

    const deployed = await release({ status: 'deployed' });
    const review = french(await saveReview.as(rm)({ releaseKey: deployed.key, complete: true }), /^A complete review states the outcome/);
    expect(review.fieldErrors!.outcome).toEqual(['Choisissez le résultat avant de terminer la revue.']);

    await h.prisma.release.update({ where: { id: deployed.id }, data: { postReviewRequired: true } });
    const v = await getReview(rm, deployed.key);
    expect(v!.reasons).toEqual(['the release is marked as requiring a review']);
    expect(localize(v!.reasons[0]!, 'fr')).toBe('la mise en production est signalée comme nécessitant une revue');

    const cursor = await refusalOf(listReleases(rm, { cursor: 'not-a-cursor' }));
    expect(localize(cursor.message, 'fr')).toMatch(/^Ce curseur n’est pas valable pour cette liste/);
    expect(localize(cursor.details.fieldErrors!.cursor![0]!, 'fr')).toBe('Utilisez tel quel le nextCursor d’une page précédente, avec le même tri.');
  });
});
