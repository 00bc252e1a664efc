import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { POST as postApproval, GET as getApprovalsRoute } from '@/app/api/v1/releases/[key]/approvals/route';
import { GET as listReleasesRoute } from '@/app/api/v1/releases/route';
import { localize, localizeFailure } from '@/lib/server/say';
import { approvalCardIn, confirmEmergency, decideApproval, getApprovalCard, inboxItemsIn, listMyApprovalInbox } from '@/lib/server/approvals';
import { createApiToken } from '@/lib/server/api-tokens';
import { requestScopeChange, decideScopeChange } from '@/lib/server/scope-changes';
import { addCoManager } from '@/lib/server/release-managers';
import { authenticate } from '@/lib/server/sign-in';
import { endSession, listUserSessions, sessionsIn } from '@/lib/server/sessions';
import { startSession } from '@/lib/server/session-store';
import { createUser, setUserDisabled } from '@/lib/server/users';
import { createTeam, deleteTeam } from '@/lib/server/teams';
import { changeMyPasswordAs, setMyTimeZone } from '@/lib/server/profile';
import { setMyLocale } from '@/lib/server/locale';
import { setMyTheme } from '@/lib/server/theme';
import type { ActionResult } from '@/lib/domain/result';
import { freshDatabase } from '../support/db';
import { makeApiToken, makeComponent, makeTeam, makeUser, systemActor } from '../support/factories';
import { draftRelease, policyDocument, savePolicy, submittedRelease } from './approvals-support';

// The refusals and sentences of lib/server's approvals, scope changes, co-managers, API tokens,
// people, teams, sessions and profile in French (docs/decisions/060-refusals-in-the-readers-language.md):
// the API answers in the caller's Accept-Language with the same English codes, and a failure
// said in English is said again in French.

const NBSP = '\u00a0';
const FRENCH = 'fr-FR,fr;q=0.9';

let h: DbHandle;
let rm: Actor;
let rm2: Actor;
let admin: Actor;
let approverA: { id: string; actor: Actor };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await freshDatabase();
  const [red, blue] = [await makeTeam(h.prisma, 'Rouge'), await makeTeam(h.prisma, 'Bleu')];
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  rm2 = (await makeUser(h.prisma, ['release_manager'], { name: 'Sam Second' })).actor;
  admin = (await makeUser(h.prisma, ['admin'])).actor;
  approverA = await makeUser(h.prisma, ['approver'], { name: 'Élise Rouge', teamId: red.id });
  const b = await makeUser(h.prisma, ['approver'], { name: 'Bo Bleu', teamId: blue.id });
  tokens.a = await makeApiToken(h.prisma, approverA.id, ['approval.decide', 'release.read']);
  tokens.b = await makeApiToken(h.prisma, b.id, ['*']);
  tokens.readAll = await makeApiToken(h.prisma, b.id, ['release.read']);
  await savePolicy(h.prisma, policyDocument());
});

afterAll(async () => {
  await h?.close();
});

const failure = <T>(r: ActionResult<T>) => {
  if (r.ok) throw new Error('expected a refusal');
  return r;
};

describe('the API answers in the caller’s language', () => {
  const BASE = 'http://relm.test';
  const keyParams = (key: string) => ({ params: Promise.resolve({ key }) });
  function req(path: string, init: { token?: string; body?: unknown; rawBody?: string; method?: string; lang?: string } = {}) {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.lang) headers['accept-language'] = init.lang;
    const body = init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined);
    if (body !== undefined) headers['content-type'] = 'application/json';
    return new Request(`${BASE}${path}`, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  }
  const post = (key: string, init: Parameters<typeof req>[1]) => postApproval(req(`/api/v1/releases/${key}/approvals`, init), keyParams(key));
  const errorOf = async (res: Response) => ({
    status: res.status,
    language: res.headers.get('content-language'),
    vary: res.headers.get('vary'),
    ...(await res.json()).error,
  });

  it('a bad body: the same code and field, its message and field error in French or English', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const body = { decision: 'reject', packageDigest: r.digest };
    const en = await errorOf(await post(r.key, { token: tokens.a, body }));
    const fr = await errorOf(await post(r.key, { token: tokens.a, body, lang: FRENCH }));
    expect(en).toMatchObject({ status: 400, code: 'invalid', language: 'en', message: 'Some fields need attention.' });
    expect(en.fieldErrors.comment).toEqual(['Say why you reject it: the release owner needs your reasons to rework it.']);
    expect(fr).toMatchObject({ status: 400, code: 'invalid', language: 'fr', message: 'Certains champs sont à revoir.' });
    expect(fr.vary).toMatch(/Accept-Language/i);
    expect(fr.fieldErrors.comment).toEqual([
      `Expliquez pourquoi vous rejetez${NBSP}: le propriétaire de la mise en production a besoin de vos raisons pour la reprendre.`,
    ]);
    expect(Object.keys(fr.fieldErrors)).toEqual(Object.keys(en.fieldErrors));
  });

  it('a refused approval (counted once, a stale digest): the same code, the sentence in French', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'high' });
    expect((await post(r.key, { token: tokens.a, body: { decision: 'approve', packageDigest: r.digest } })).status).toBe(200);
    const again = { decision: 'approve', packageDigest: r.digest };
    const en = await errorOf(await post(r.key, { token: tokens.a, body: again }));
    const fr = await errorOf(await post(r.key, { token: tokens.a, body: again, lang: FRENCH }));
    expect(en).toMatchObject({ status: 409, code: 'conflict', language: 'en' });
    expect(en.message).toMatch(new RegExp(`^You approved ${r.key} at \\d\\d:\\d\\d UTC on \\d{4}-\\d\\d-\\d\\d; a person counts once\\.$`));
    expect(fr).toMatchObject({ status: 409, code: 'conflict', language: 'fr' });
    expect(fr.message).toMatch(
      new RegExp(`^Vous avez approuvé ${r.key} le \\d{4}-\\d\\d-\\d\\d à \\d\\d:\\d\\d UTC\u202f; une personne ne compte qu’une fois\\.$`),
    );

    const stale = { decision: 'approve', packageDigest: 'c'.repeat(64) };
    const staleFr = await errorOf(await post(r.key, { token: tokens.b, body: stale, lang: FRENCH }));
    expect(staleFr).toMatchObject({ status: 409, code: 'stale', language: 'fr' });
    expect(staleFr.message).toBe(
      `L’empreinte envoyée (cccccccccccc…) ne correspond à aucun scellement du paquet de ${r.key}\u202f; son empreinte actuelle est ${r.digest.slice(0, 12)}…. Rechargez la carte d’approbation et examinez le paquet actuel.`,
    );
  });

  it('the wrapper’s own refusals: no token, not JSON, an unknown key, a method it does not offer, a bad query', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const noToken = await errorOf(await post(r.key, { body: { decision: 'approve' }, lang: FRENCH }));
    expect(noToken).toMatchObject({ status: 401, code: 'unauthenticated', language: 'fr' });
    expect(noToken.message).toBe(
      `Envoyez un jeton d’API dans l’en-tête Authorization${NBSP}: «${NBSP}Authorization: Bearer relm_…${NBSP}». Créez-en un sur votre page de profil.`,
    );
    const notJson = await errorOf(await post(r.key, { token: tokens.a, rawBody: '{"decision":', lang: FRENCH }));
    expect(notJson).toMatchObject({ status: 400, code: 'invalid', language: 'fr' });
    expect(notJson.message).toMatch(/^Le corps de la requête n’est pas du JSON valide\u00a0: /);
    const notObject = await errorOf(await post(r.key, { token: tokens.a, rawBody: '[1]', lang: FRENCH }));
    expect(notObject).toMatchObject({ message: 'Le corps de la requête doit être un objet JSON.' });
    expect(notObject.fieldErrors._form).toEqual(['Envoyez un objet JSON, par exemple {"to": "submitted", "version": 3}.']);
    const unknown = await errorOf(await post('nonsense', { token: tokens.a, body: { decision: 'approve' }, lang: FRENCH }));
    expect(unknown).toMatchObject({ status: 404, code: 'not_found', language: 'fr' });
    expect(unknown.message).toBe('La mise en production nonsense est introuvable, ou vous n’avez pas le droit de la voir. Les clés ressemblent à REL-12.');
    const method = await errorOf(await getApprovalsRoute(req(`/api/v1/releases/${r.key}/approvals`, { token: tokens.a, lang: FRENCH })));
    expect(method).toMatchObject({ status: 405, code: 'method_not_allowed', message: 'Ce point d’accès n’accepte que POST.' });

    const query = (lang?: string) =>
      listReleasesRoute(req('/api/v1/releases?pageSize=0&status=nope', { token: tokens.readAll, lang }), { params: Promise.resolve({}) });
    const en = await errorOf(await query());
    const fr = await errorOf(await query(FRENCH));
    expect(en).toMatchObject({ status: 400, code: 'invalid', language: 'en', message: 'Some query parameters need attention.' });
    expect(en.fieldErrors.pageSize).toEqual(['The page size is a whole number from 1 to 100.']);
    expect(fr).toMatchObject({ status: 400, code: 'invalid', language: 'fr', message: 'Certains paramètres de la requête sont à revoir.' });
    expect(fr.fieldErrors.pageSize).toEqual(['La taille de page est un nombre entier de 1 à 100.']);
    expect(fr.fieldErrors['status.0'][0]).toMatch(/^Utilisez l’une de ces valeurs\u00a0: /);
  });
});

describe('approvals in French', () => {
  it('refuses an emergency confirmation of a normal release, and a rejection without a reason', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const notEmergency = failure(await confirmEmergency.as(admin)({ releaseKey: r.key, packageDigest: r.digest }));
    expect(notEmergency.message).toBe(`${r.key} is a normal release: only emergency releases take the break-glass confirmation.`);
    expect(localize(notEmergency.message, 'fr')).toBe(
      `${r.key} est une mise en production normale${NBSP}: seules les mises en production d’urgence demandent la confirmation d’urgence.`,
    );
    const noReason = failure(await decideApproval.as(approverA.actor)({ releaseKey: r.key, decision: 'reject', packageDigest: r.digest }));
    expect(localizeFailure(noReason, 'fr').fieldErrors!.comment![0]).toMatch(/^Expliquez pourquoi vous rejetez/);
  });

  it('a decision on a release that is no longer submitted names its status in French', async () => {
    const r = await draftRelease(h.prisma, { ownerId: rm.id! });
    const refused = failure(await decideApproval.as(approverA.actor)({ releaseKey: r.key, decision: 'approve', packageDigest: r.digest }));
    expect(refused.message).toBe(`${r.key} is draft: approvals are decided only while a release is submitted.`);
    expect(localize(refused.message, 'fr')).toBe(
      `${r.key} est brouillon${NBSP}: on ne décide des approbations que tant qu’une mise en production est soumise.`,
    );
  });

  it('the approval card and the inbox say why and what is missing in French', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'high' });
    const card = (await getApprovalCard(rm, r.key))!;
    expect(card.viewerCannotDecideBecause).toBeTruthy();
    const decided = await decideApproval.as(approverA.actor)({ releaseKey: r.key, decision: 'approve', packageDigest: r.digest });
    expect(decided.ok).toBe(true);
    const mine = (await getApprovalCard(approverA.actor, r.key))!;
    expect(mine.viewerCannotDecideBecause).toMatch(/a person counts once\.$/);
    const fr = approvalCardIn(mine, 'fr');
    expect(fr.viewerCannotDecideBecause).toMatch(/une personne ne compte qu’une fois\.$/);
    expect(approvalCardIn(mine, 'en')).toBe(mine);

    const other = (await makeUser(h.prisma, ['approver'], { name: 'Cy Tiers', teamId: (await makeTeam(h.prisma)).id })).actor;
    const inbox = await listMyApprovalInbox(other);
    const item = inbox.items.find((i) => i.key === r.key)!;
    expect(item.missing).toEqual(['1 of 2: 2 approvers from different teams']);
    expect(inboxItemsIn([item], 'fr')[0]!.missing).toEqual([`1 sur 2${NBSP}: 2 approvers from different teams`]);
  });
});

describe('scope changes and co-managers in French', () => {
  it('field errors of a request, the four-eyes rule and a co-manager who is no release manager', async () => {
    const r = await draftRelease(h.prisma, { ownerId: rm.id! });
    const component = await makeComponent(h.prisma);
    const bad = failure(
      await requestScopeChange.as(rm)({
        releaseKey: r.key,
        reason: 'Customers need it this month',
        items: [
          { action: 'add', componentName: 'no-such-component', buildId: 'b1' },
          { action: 'add', componentName: component.name },
        ],
      }),
    );
    const fr = localizeFailure(bad, 'fr');
    expect(fr.message).toBe(`Certaines modifications ne peuvent pas être demandées${NBSP}: voyez chacune d’elles.`);
    expect(fr.fieldErrors!['items.0.componentName']).toEqual(['Aucun composant ne s’appelle no-such-component.']);
    expect(fr.fieldErrors!['items.1.buildId']).toEqual([`Choisissez le build de ${component.name} à ajouter.`]);

    const build = await h.prisma.build.create({ data: { componentId: component.id, version: '9.9.9', artifactDigest: 'd'.repeat(64), producedBy: 'ci' } });
    const requested = await requestScopeChange.as(rm)({
      releaseKey: r.key,
      reason: 'Customers need it this month',
      items: [{ action: 'add', componentName: component.name, buildId: build.id }],
    });
    if (!requested.ok) throw new Error(requested.message);
    const own = failure(await decideScopeChange.as(rm)({ id: requested.data.id, decision: 'approve' }));
    expect(localize(own.message, 'fr')).toMatch(/^Vous avez demandé cette modification de périmètre/);
    expect((await decideScopeChange.as(rm2)({ id: requested.data.id, decision: 'reject', comment: 'Not now' })).ok).toBe(true);
    const again = failure(await decideScopeChange.as(rm2)({ id: requested.data.id, decision: 'approve' }));
    expect(again.message).toBe(`This scope change request on ${r.key} is already rejected; it cannot be decided again.`);
    expect(localize(again.message, 'fr')).toBe(`Cette demande de modification de périmètre sur ${r.key} est déjà rejetée\u202f; on ne peut plus en décider.`);

    const version = (await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } })).version;
    const coManager = failure(await addCoManager.as(rm)({ releaseKey: r.key, userId: approverA.id, version }));
    const coFr = localizeFailure(coManager, 'fr');
    expect(coFr.message).toBe('Vérifiez les co-responsables.');
    expect(coFr.fieldErrors!.userId).toEqual([
      `Élise Rouge n’est pas responsable de mise en production${NBSP}: seuls les responsables de mise en production peuvent être co-responsables.`,
    ]);
  });
});

describe('people, teams, tokens, sessions and profile in French', () => {
  it('users and teams', async () => {
    const self = failure(await setUserDisabled.as(admin)({ id: admin.id, disabled: true }));
    expect(localize(self.message, 'fr')).toBe('Vous ne pouvez pas désactiver votre propre compte.');
    const missing = failure(await setUserDisabled.as(admin)({ id: 'nobody', disabled: true }));
    expect(missing.message).toBe('That user was not found, or you may not see it.');
    expect(localize(missing.message, 'fr')).toBe(`Cet utilisateur${NBSP}: introuvable, ou vous n’avez pas le droit de le voir.`);
    const badUser = failure(await createUser.as(admin)({ email: 'not-an-email', name: '', roles: [], password: 'short' }));
    const userFr = localizeFailure(badUser, 'fr');
    expect(userFr.fieldErrors!.email).toEqual(['Saisissez une adresse e-mail valide, comme nom@example.com.']);
    expect(userFr.fieldErrors!.name).toEqual(['Saisissez un nom.']);
    expect(userFr.fieldErrors!.roles).toEqual(['Choisissez au moins un rôle.']);
    expect(userFr.fieldErrors!.password).toEqual(['Un mot de passe fait au moins 12 caractères.']);

    const team = await makeTeam(h.prisma, 'Paiements');
    await makeUser(h.prisma, ['viewer'], { teamId: team.id });
    const clash = failure(await createTeam.as(admin)({ name: 'Paiements', slug: 'autre' }));
    expect(localizeFailure(clash, 'fr').fieldErrors!.name).toEqual(['Une autre équipe porte déjà ce nom.']);
    const notEmpty = failure(await deleteTeam.as(admin)({ id: team.id }));
    expect(notEmpty.message).toBe('Paiements still has 1 member(s) and owns 0 component(s). Move them to another team first.');
    expect(localize(notEmpty.message, 'fr')).toBe('Paiements a encore 1 membre et possède 0 composant. Déplacez-les d’abord vers une autre équipe.');
  });

  it('API tokens, sessions, the sign-in outcome and the profile', async () => {
    const owner = await makeUser(h.prisma, ['viewer']);
    const beyond = failure(await createApiToken.as(owner.actor)({ name: 'ci', scopes: ['release.edit', 'nonsense'] }));
    expect(localizeFailure(beyond, 'fr').fieldErrors!.scopes).toEqual([
      `Portée inconnue${NBSP}: nonsense. Utilisez des noms de permission comme release.read, ou * pour toutes vos permissions.`,
    ]);
    const notAllowed = failure(await createApiToken.as(owner.actor)({ name: 'ci', scopes: ['release.edit'] }));
    expect(notAllowed.message).toBe(
      'Your roles do not allow release.edit, so a token cannot be scoped for it. Choose scopes the roles allow, or ask an admin for the role first.',
    );
    expect(localize(notAllowed.message, 'fr')).toBe(
      `Vos rôles ne permettent pas release.edit${NBSP}: un jeton ne peut donc pas avoir cette portée. Choisissez des portées que les rôles permettent, ou demandez d’abord le rôle à un administrateur.`,
    );

    const noSession = failure(await endSession.as(owner.actor)({ session: 'current' }));
    expect(localize(noSession.message, 'fr')).toBe(`Cette requête n’a pas été faite dans une session${NBSP}: il n’y en a aucune dont se déconnecter.`);
    const unknown = failure(await endSession.as(owner.actor)({ session: 'x'.repeat(22) }));
    expect(localize(unknown.message, 'fr')).toBe(`Cette session${NBSP}: introuvable, ou vous n’avez pas le droit de le voir.`);
    // a session without a User-Agent is named by Relm, in the reader's language; a browser's own name stays as it is
    await h.prisma.$transaction((tx) => startSession(tx, { userId: owner.id, userAgent: null, ip: null }));
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
    await h.prisma.$transaction((tx) => startSession(tx, { userId: owner.id, userAgent: firefox, ip: null }));
    const sessions = await listUserSessions(admin, owner.id);
    const named = sessions.find((s) => s.device !== 'Unknown browser')!.device;
    expect(sessions.map((s) => s.device).sort()).toEqual([named, 'Unknown browser'].sort());
    expect(
      sessionsIn(sessions, 'fr')
        .map((s) => s.device)
        .sort(),
    ).toEqual([named, 'Navigateur inconnu'].sort());

    const signIn = await authenticate({ email: owner.email, password: 'wrong password' }, { requestId: 'fr-test', ip: '198.51.100.7' });
    expect(signIn.ok).toBe(false);
    if (!signIn.ok) expect(localize(signIn.message, 'fr')).toBe('L’adresse e-mail ou le mot de passe est incorrect.');

    const differ = failure(
      await changeMyPasswordAs(owner.actor, { ip: '198.51.100.8' })({ currentPassword: 'x', newPassword: 'a'.repeat(20), confirmPassword: 'b'.repeat(20) }),
    );
    expect(localizeFailure(differ, 'fr').fieldErrors!.confirmPassword).toEqual([
      `Les deux nouveaux mots de passe diffèrent${NBSP}: saisissez deux fois le même.`,
    ]);
    const wrong = failure(
      await changeMyPasswordAs(owner.actor, { ip: '198.51.100.9' })({
        currentPassword: 'not it',
        newPassword: 'a'.repeat(20),
        confirmPassword: 'a'.repeat(20),
      }),
    );
    expect(localizeFailure(wrong, 'fr').fieldErrors!.currentPassword).toEqual(['Ce n’est pas votre mot de passe actuel.']);
    const zone = failure(await setMyTimeZone.as(owner.actor)({ timeZone: 'Mars/Olympus' }));
    expect(localizeFailure(zone, 'fr').fieldErrors!.timeZone).toEqual(['Choisissez un fuseau horaire dans la liste, par exemple Europe/Paris.']);
    const language = failure(await setMyLocale.as(owner.actor)({ locale: 'de' }));
    expect(localizeFailure(language, 'fr').fieldErrors!.locale).toEqual(['Choisissez English ou Français.']);
    const theme = failure(await setMyTheme.as(owner.actor)({ theme: 'neon' }));
    expect(localizeFailure(theme, 'fr').fieldErrors!.theme).toEqual(['Choisissez Système, Clair ou Sombre.']);
    const nobody = failure(await setMyTheme.as(systemActor(['admin']))({ theme: 'dark' }));
    expect(localize(nobody.message, 'fr')).toBe('Seule une personne a un thème.');
  });
});
