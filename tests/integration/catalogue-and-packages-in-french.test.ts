import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import type { ActionResult } from '@/lib/domain/result';
import { releaseKey } from '@/lib/domain/release-key';
import { localize, localizeFailure } from '@/lib/server/say';
import { addPackageBuild, diffPackage, getPackageView, localizeDiffView, localizePackageView, sealPackage } from '@/lib/server/packages';
import { recordBuild } from '@/lib/server/builds';
import { createComponent, updateComponent } from '@/lib/server/components';
import { addMaintenanceWindow, createEnvironment, updateMaintenanceWindow } from '@/lib/server/environments';
import { createTrain, joinTrain, requestLateJoin, updateTrain } from '@/lib/server/trains';
import { renameTemplate, retireTemplate, saveReleaseAsTemplate } from '@/lib/server/templates';
import { createRelease, getReleaseForEdit, setNoKnownRisks, updateRelease } from '@/lib/server/release-edits';
import { describeWhen } from '@/lib/server/versioned';
import { setWatching } from '@/lib/server/watchers';
import { makeBuild, makeComponent, makeEnvironment, makeRelease, makeTeam, makeUser, systemActor, uid } from '../support/factories';
import { resetClock, setClock } from '../support/clock';
import { withFreshDatabase } from '../support/suite';

// The sentences of packages, builds, components, environments, trains, templates, release
// edits, the stale refusal and watching, in French (docs/decisions/060-refusals-in-the-readers-language.md):
// `.as()` answers in English as before; the same refusal localized gives French, values kept.

let h: DbHandle;
let rm: Actor;
let rmId: string;
let viewer: Actor;
let teamId: string;

withFreshDatabase(async (handle) => {
  h = handle;
  const u = await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' });
  rm = u.actor;
  rmId = u.id;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
  teamId = (await makeTeam(h.prisma)).id;
});

function refused<T>(r: ActionResult<T>) {
  if (r.ok) throw new Error('expected a refusal');
  return { en: r, fr: localizeFailure(r, 'fr') };
}

const versionOf = async (id: string) => (await h.prisma.release.findUniqueOrThrow({ where: { id } })).version;

async function newRelease() {
  const r = await makeRelease(h.prisma, { ownerId: rmId });
  return { ...r, key: releaseKey(r.number) };
}

describe('packages in French', () => {
  it('refuses an unknown build, a key that is no key and an empty seal, with French gates', async () => {
    const rel = await newRelease();
    const unknown = refused(await addPackageBuild.as(rm)({ releaseKey: rel.key, buildId: 'nope', version: await versionOf(rel.id) }));
    expect(unknown.en.message).toBe('That build does not exist (any more). Choose another build.');
    expect(unknown.fr.message).toBe('Ce build n’existe pas (ou plus). Choisissez-en un autre.');
    expect(unknown.fr.fieldErrors?.buildId).toEqual(['Choisissez un build dans la liste.']);

    const badKey = refused(await addPackageBuild.as(rm)({ releaseKey: 'nope', buildId: 'x', version: 1 }));
    expect(badKey.en.fieldErrors?.releaseKey).toEqual(['A release key looks like REL-12.']);
    expect(badKey.fr.fieldErrors?.releaseKey).toEqual(['Une clé de mise en production a la forme REL-12.']);

    const empty = refused(await sealPackage.as(rm)({ releaseKey: rel.key, version: await versionOf(rel.id) }));
    expect(empty.en.message).toBe(`${rel.key} has no package yet: there is nothing to seal.`);
    expect(empty.fr.message).toBe(`${rel.key} n’a pas encore de paquet\u00a0: il n’y a rien à sceller.`);
    expect(empty.fr.gates?.[0]?.fix).toBe('Ajoutez au moins un build, puis scellez.');
  });

  it('says twice-added builds, the status rule and a missing environment in French', async () => {
    const rel = await newRelease();
    const comp = await makeComponent(h.prisma, { ownerTeamId: teamId });
    const build = await makeBuild(h.prisma, { componentId: comp.id, version: '1.0.0' });
    expect((await addPackageBuild.as(rm)({ releaseKey: rel.key, buildId: build.id, version: await versionOf(rel.id) })).ok).toBe(true);
    const twice = refused(await addPackageBuild.as(rm)({ releaseKey: rel.key, buildId: build.id, version: await versionOf(rel.id) }));
    expect(twice.en.message).toBe(`${comp.name} 1.0.0 is already in ${rel.key}'s package.`);
    expect(twice.fr.message).toBe(`${comp.name} 1.0.0 est déjà dans le paquet de ${rel.key}.`);

    await h.prisma.release.update({ where: { id: rel.id }, data: { status: 'submitted' } });
    const closed = refused(await addPackageBuild.as(rm)({ releaseKey: rel.key, buildId: build.id, version: await versionOf(rel.id) }));
    expect(closed.en.message).toBe(`${rel.key} is submitted: its package can be edited directly only while the release is draft or rejected.`);
    expect(closed.fr.message).toContain(`${rel.key} est soumise`);
    expect(closed.fr.message).toContain('brouillon ou rejetée');
    expect(closed.fr.gates?.[0]?.why).toBe(
      `On n’ajoute ou ne retire directement des builds que tant que la mise en production est brouillon ou rejetée\u202f; ${rel.key} est soumise.`,
    );

    // the page: why editing is blocked, in the reader's language
    const view = localizePackageView((await getPackageView(viewer, rel.key))!, 'fr');
    expect(view.can.editBlockedReason).toBe('Modifier un paquet nécessite le rôle de responsable de mise en production.');
    const diff = (await diffPackage(rm, rel.key, { kind: 'environment', name: 'nowhere' }))!;
    expect(diff.error).toBe('There is no environment named "nowhere". Choose one from the list.');
    expect(localizeDiffView(diff, 'fr').error).toBe('Aucun environnement ne s’appelle «\u00a0nowhere\u00a0». Choisissez-en un dans la liste.');
    expect(localizeDiffView(diff, 'fr').againstLabel).toBe('un environnement «\u00a0nowhere\u00a0», qui n’existe pas');
  });
});

describe('builds in French', () => {
  it('names an unknown component and a changed artifact, and field errors with their numbers', async () => {
    const input = { component: `ghost-${uid()}`, version: '1.2.3', artifactDigest: 'a'.repeat(64) };
    const ghost = refused(await recordBuild.as(rm)(input));
    expect(ghost.en.message).toBe(`There is no component named "${input.component}".`);
    expect(ghost.fr.message).toBe(`Aucun composant ne s’appelle «\u00a0${input.component}\u00a0».`);

    const comp = await makeComponent(h.prisma, { ownerTeamId: teamId });
    expect((await recordBuild.as(rm)({ ...input, component: comp.name })).ok).toBe(true);
    const changed = refused(await recordBuild.as(rm)({ ...input, component: comp.name, artifactDigest: 'b'.repeat(64) }));
    expect(changed.en.message).toContain('is already recorded with a different artifact');
    expect(changed.fr.message).toContain(`${comp.name} 1.2.3 est déjà enregistré avec un autre artefact (sha256:${'a'.repeat(64)}`);
    expect(changed.fr.fieldErrors?.version?.[0]).toBe(
      `${comp.name} 1.2.3 existe déjà avec l’empreinte sha256:${'a'.repeat(64)}. Utilisez une nouvelle version.`,
    );

    const bad = refused(await recordBuild.as(rm)({ ...input, version: 'one', notes: 'x'.repeat(20_001), sourceBranch: 'a\nb' }));
    expect(bad.en.fieldErrors?.notes).toEqual(['Build notes are at most 20,000 characters.']);
    expect(bad.fr.fieldErrors?.notes).toEqual(['Les notes du build font au plus 20\u202f000 caractères.']);
    expect(bad.en.fieldErrors?.sourceBranch).toEqual(['The source branch is a single line.']);
    expect(bad.fr.fieldErrors?.sourceBranch).toEqual(['La branche source tient sur une seule ligne.']);
    expect(bad.fr.fieldErrors?.version?.[0]).toMatch(/^Utilisez une version sémantique/);
  });
});

describe('components in French', () => {
  it('refuses a taken name, a bad distribution list, a tier and a stale edit', async () => {
    const comp = await makeComponent(h.prisma, { ownerTeamId: teamId });
    const taken = refused(await createComponent.as(rm)({ name: comp.name, ownerTeamId: teamId, tier: 2 }));
    expect(taken.en.message).toBe(`A component named ${comp.name} already exists.`);
    expect(taken.fr.message).toBe(`Un composant nommé ${comp.name} existe déjà.`);

    const list = refused(await createComponent.as(rm)({ name: `c-${uid()}`, ownerTeamId: teamId, tier: 9, distributionList: 'a b c d e f g ok@example.com' }));
    expect(list.en.fieldErrors?.distributionList).toEqual([
      'These are not e-mail addresses: a, b, c, d, e and 2 more. Write one address such as users@example.com per line.',
    ]);
    expect(list.fr.fieldErrors?.distributionList).toEqual([
      'Ce ne sont pas des adresses e-mail\u00a0: a, b, c, d, e et 2 de plus. Écrivez une adresse par ligne, par ex. users@example.com.',
    ]);
    expect(list.fr.fieldErrors?.tier).toEqual(['Choisissez un niveau de criticité de 1 (le plus critique) à 4.']);

    const row = await h.prisma.component.findUniqueOrThrow({ where: { id: comp.id } });
    const base = { id: comp.id, name: comp.name, ownerTeamId: teamId, tier: 2 };
    expect((await updateComponent.as(rm)({ ...base, version: row.version })).ok).toBe(true);
    const stale = refused(await updateComponent.as(rm)({ ...base, tier: 1, version: row.version }));
    expect(stale.en.message).toMatch(
      /^Rita Manager saved a newer version of component .* after you opened it \(it is now at version \d+; you had version \d+\)\./,
    );
    expect(stale.fr.message).toMatch(
      new RegExp(
        `^Rita Manager a modifié le composant ${comp.name} à \\d\\d:\\d\\d UTC \\(il y a moins d’une minute\\), après l’ouverture de votre formulaire`,
      ),
    );
    expect(stale.fr.message).toContain('(version actuelle\u00a0: ');

    const gone = refused(await updateComponent.as(rm)({ ...base, id: 'missing', version: 1 }));
    expect(gone.fr.message).toBe('Ce composant\u00a0: introuvable, ou vous n’avez pas le droit de le voir.');
  });
});

describe('environments in French', () => {
  it('names a taken position, the deploy roles and an unknown zone', async () => {
    const admin = (await makeUser(h.prisma, ['admin'])).actor;
    const holder = await makeEnvironment(h.prisma);
    const input = { name: `e-${uid()}`, displayName: 'Staging EU', tier: 'staging', position: holder.position };
    const taken = refused(await createEnvironment.as(admin)(input));
    expect(taken.fr.message).toBe(`La position ${holder.position} du chemin de promotion est occupée par ${holder.displayName} (${holder.name}).`);
    expect(taken.fr.fieldErrors?.position?.[0]).toContain('cochez «\u00a0Décaler les autres\u00a0»');

    const roles = refused(await createEnvironment.as(admin)({ ...input, position: 1, deployRoles: ['viewer'] }));
    expect(roles.en.fieldErrors?.['deployRoles.0']?.[0]).toMatch(/^Choose who may deploy among the roles that may record deployments: [a-z ,]+\.$/);
    expect(roles.fr.fieldErrors?.['deployRoles.0']?.[0]).toMatch(
      /^Choisissez qui peut déployer parmi les rôles autorisés à enregistrer des déploiements\u00a0: .*exploitation/,
    );

    const env = await makeEnvironment(h.prisma);
    const zone = refused(await addMaintenanceWindow.as(admin)({ environmentId: env.id, label: 'Patching', kind: 'one_off', timezone: 'Mars/Olympus' }));
    expect(zone.fr.message).toBe('La fenêtre de maintenance est à revoir\u00a0: voyez les champs signalés.');
    expect(zone.fr.fieldErrors?.timezone?.[0]).toMatch(/^«\u00a0Mars\/Olympus\u00a0» n’est pas un fuseau horaire IANA connu/);

    const added = await addMaintenanceWindow.as(admin)({
      environmentId: env.id,
      label: 'Patching',
      kind: 'recurring',
      rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0',
      durationMinutes: 60,
    });
    if (!added.ok) throw new Error(added.message);
    const stale = refused(await updateMaintenanceWindow.as(admin)({ id: added.data.id, version: 'old', label: 'Patching', kind: 'recurring' }));
    expect(stale.fr.message).toMatch(/^Quelqu’un d’autre a modifié ou remplacé la fenêtre «\u00a0Patching\u00a0»/);
  });
});

describe('trains in French', () => {
  it('refuses unknown environments, a stale edit, a retired train and a late join without a person', async () => {
    setClock({ at: '2026-06-10T08:00:00Z', frozen: true });
    try {
      const env = await makeEnvironment(h.prisma);
      const input = { name: `Weekly ${uid()}`, rrule: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=0', timezone: 'Europe/London', cutoffHours: '24' };
      const nowhere = refused(await createTrain.as(rm)({ ...input, environments: ['nowhere'] }));
      expect(nowhere.fr.message).toBe('Le train est à revoir\u00a0: voyez les champs signalés.');
      expect(nowhere.fr.fieldErrors?.environments?.[0]).toMatch(/^Aucun environnement ne s’appelle "nowhere". Environnements connus\u00a0: /);

      const short = refused(await createTrain.as(rm)({ ...input, name: 'x', environments: [env.name], cutoffHours: '999' }));
      expect(short.fr.fieldErrors?.name).toEqual(['Donnez au train un nom d’au moins 3 caractères, par ex. Train web hebdomadaire.']);
      expect(short.en.fieldErrors?.cutoffHours).toEqual(['The cut-off is at most 336 hours (two weeks) before the departure.']);
      expect(short.fr.fieldErrors?.cutoffHours).toEqual(['La date limite tombe au plus 336 heures (deux semaines) avant le départ.']);

      const created = await createTrain.as(rm)({ ...input, environments: [env.name] });
      if (!created.ok) throw new Error(created.message);
      const stale = refused(await updateTrain.as(rm)({ ...input, id: created.data.id, version: created.data.version + 1, environments: [env.name] }));
      expect(stale.fr.message).toBe(
        `Quelqu’un a modifié le train «\u00a0${input.name}\u00a0» après que vous l’avez ouvert (il en est maintenant à la version ${created.data.version}). Rechargez pour voir sa modification, puis refaites la vôtre.`,
      );
      expect((await updateTrain.as(rm)({ ...input, id: created.data.id, version: created.data.version, environments: [env.name], active: false })).ok).toBe(
        true,
      );

      const rel = await newRelease();
      const retired = refused(await joinTrain.as(rm)({ releaseKey: rel.key, trainId: created.data.id, departureAt: '2026-06-16T09:00:00.000Z' }));
      expect(retired.en.code).toBe('gates');
      expect(retired.en.message).toBe(`${retired.en.gates![0]!.why} ${retired.en.gates![0]!.fix}`);
      expect(retired.fr.message).not.toBe(retired.en.message);
      expect(retired.fr.message).toContain(input.name);

      const bySystem = refused(
        await requestLateJoin.as(systemActor(['release_manager']))({
          releaseKey: rel.key,
          trainId: created.data.id,
          departureAt: '2026-06-16T09:00:00.000Z',
          reason: 'x'.repeat(40),
        }),
      );
      expect(bySystem.fr.message).toMatch(/^Une exception d’intégration tardive est demandée par une personne/);
    } finally {
      resetClock();
    }
  });
});

describe('templates in French', () => {
  it('refuses an unknown release, a taken name and an unknown template', async () => {
    const missing = refused(await saveReleaseAsTemplate.as(rm)({ releaseKey: 'REL-99999', name: 'Monthly patch' }));
    expect(missing.en.message).toBe('Release REL-99999 was not found, or you may not see it.');
    expect(missing.fr.message).toBe('La mise en production REL-99999\u00a0: introuvable, ou vous n’avez pas le droit de le voir.');

    const rel = await newRelease();
    const a = await saveReleaseAsTemplate.as(rm)({ releaseKey: rel.key, name: `Alpha ${uid()}` });
    const b = await saveReleaseAsTemplate.as(rm)({ releaseKey: rel.key, name: `Beta ${uid()}` });
    if (!a.ok || !b.ok) throw new Error('templates not saved');
    const taken = refused(await renameTemplate.as(rm)({ templateId: b.data.templateId, name: a.data.name }));
    expect(taken.fr.message).toBe(`Un autre modèle s’appelle déjà «\u00a0${a.data.name}\u00a0».`);
    expect(taken.fr.fieldErrors?.name).toEqual(['Choisissez un nom qu’aucun autre modèle ne porte.']);

    const unknown = refused(await retireTemplate.as(rm)({ templateId: 'missing', retired: true }));
    expect(unknown.fr.message).toBe('Ce modèle\u00a0: introuvable, ou vous n’avez pas le droit de le voir.');
  });
});

describe('release edits in French', () => {
  it('refuses a planned window, open risks, a finished release and a stale edit', async () => {
    const env = await makeEnvironment(h.prisma);
    const window = refused(
      await createRelease.as(rm)({ title: 'Quarterly', type: 'normal', environments: [env.name], plannedStart: '2026-12-01T20:00', plannedEnd: '' }),
    );
    expect(window.en.message).toBe('Check the planned window.');
    expect(window.fr.message).toBe('Vérifiez la fenêtre planifiée.');
    expect(window.fr.fieldErrors?.plannedEnd).toEqual(['Indiquez aussi la fin de la fenêtre, ou effacez le début.']);

    const unknown = refused(await createRelease.as(rm)({ title: 'Quarterly', type: 'normal', environments: ['mars', 'venus'] }));
    expect(unknown.en.fieldErrors?.environments).toEqual(['Unknown environments: mars, venus. Choose from the list.']);
    expect(unknown.fr.fieldErrors?.environments).toEqual(['Environnements inconnus\u00a0: mars, venus. Choisissez dans la liste.']);

    const rel = await newRelease();
    await h.prisma.risk.create({ data: { releaseId: rel.id, title: 'Disk full', likelihood: 2, impact: 2, score: 4 } });
    const risks = refused(await setNoKnownRisks.as(rm)({ releaseKey: rel.key, version: await versionOf(rel.id), noKnownRisks: true }));
    expect(risks.fr.message).toBe(
      `${rel.key} a encore des risques ouverts (Disk full)\u00a0: elle ne peut donc pas déclarer l’absence de risques connus. Atténuez-les, acceptez-les ou clôturez-les d’abord.`,
    );

    const stale = refused(
      await updateRelease.as(rm)({ key: rel.key, version: (await versionOf(rel.id)) - 1 || 99, title: 'Renamed', type: 'normal', environments: [env.name] }),
    );
    expect(stale.en.code).toBe('stale');
    expect(stale.fr.message).toMatch(new RegExp(`a modifié ${rel.key} à \\d\\d:\\d\\d UTC`));

    await h.prisma.release.update({ where: { id: rel.id }, data: { status: 'closed' } });
    const closed = refused(await setNoKnownRisks.as(rm)({ releaseKey: rel.key, version: await versionOf(rel.id), noKnownRisks: false }));
    expect(closed.en.message).toBe(`${rel.key} is closed, so it can no longer be changed.`);
    expect(closed.fr.message).toBe(`${rel.key} est clôturée\u00a0: elle ne peut plus être modifiée.`);

    const locked = (await getReleaseForEdit(rm, rel.key))!;
    expect(locked.lockedReason).toBe(`${rel.key} is closed: its details can be edited only while the release is draft or rejected.`);
    expect(localize(locked.lockedReason!, 'fr')).toContain(`${rel.key} est clôturée`);
  });

  it('says when, in French', () => {
    const now = new Date('2026-11-23T14:05:00Z');
    expect(describeWhen(new Date('2026-11-23T14:03:00Z'), now)).toBe('14:03 UTC (2 minutes ago)');
    expect(localize(describeWhen(new Date('2026-11-23T14:03:00Z'), now), 'fr')).toBe('à 14:03 UTC (il y a 2 minutes)');
    expect(localize(describeWhen(new Date('2026-11-21T09:00:00Z'), now), 'fr')).toBe('le 2026-11-21 à 09:00 UTC (il y a 2 jours)');
  });
});

describe('watching in French', () => {
  it('says which field is missing', async () => {
    const r = refused(await setWatching.as(viewer)({ releaseKey: '' }));
    expect(r.fr.fieldErrors?.releaseKey).toEqual(['Choisissez une mise en production.']);
    expect(r.fr.fieldErrors?.watch).toEqual(['Indiquez s’il faut suivre la mise en production.']);
  });
});
