import { describe, expect, it } from 'vitest';
import en from '@zxcvbn-ts/language-en';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import type { ActionResult } from '@/lib/domain/result';
import { releaseKey } from '@/lib/domain/release-key';
import { localize, localizeFailure } from '@/lib/server/say';
import { createWebhook, redeliver } from '@/lib/server/integrations';
import { createGroupMapping, updateSignInSettings } from '@/lib/server/sso-admin';
import { acknowledgeHandover, saveHandover } from '@/lib/server/handover';
import { publishAnnouncement, saveAnnouncement } from '@/lib/server/announcements';
import { getInsightsPage } from '@/lib/server/insights';
import { CalendarFeedQuerySchema } from '@/lib/server/calendar';
import { saveCalendarFilters } from '@/lib/server/calendar-preferences';
import { saveFilter } from '@/lib/server/saved-filters';
import { describeUnsubscribe, saveNotificationPreferences } from '@/lib/server/notification-preferences';
import { markNotificationRead } from '@/lib/server/notifications';
import { updatePolicy } from '@/lib/server/policy';
import { toCurrentPolicy } from '@/lib/server/policy-read';
import { editComment } from '@/lib/server/comments';
import { getWhatsNewFeed } from '@/lib/server/whats-new';
import { search } from '@/lib/server/search';
import { checkPasswordStrength } from '@/lib/server/password-strength';
import { pageRefusal } from '@/lib/server/page-access';
import { cabAgenda } from '@/lib/server/cab-agenda';
import { checkDestination, safePost } from '@/lib/server/channels/http';
import { EMAIL_OFF_DETAIL } from '@/lib/server/channels/email';
import enPasswordWords from '@/messages/en/server-password-strength.json';
import { makeRelease, makeUser, systemActor, uid } from '../support/factories';
import { actorsWith, withFreshDatabase } from '../support/suite';

// The refusals, field errors and sentences of integrations, single sign-on, handover,
// announcements, insights, the calendar, saved filters, notification settings, the policy,
// comments, What's new, search, password strength, page access, the CAB agenda and the outgoing
// channels, said again in French (docs/decisions/060-refusals-in-the-readers-language.md): the
// English stays as it was (the modules' own tests compare it), French readers get French.

let h: DbHandle;
let admin: Actor;
let viewer: Actor;
let ops: Actor;
let manager: Actor;

withFreshDatabase(async (db) => {
  h = db;
  [admin, viewer, ops] = await actorsWith(db, ['admin'], ['viewer'], ['operations']);
  manager = (await makeUser(db.prisma, ['release_manager'], { name: 'Ana Manager' })).actor;
});

/** The failure of a refused call, in French. */
function french<T>(result: ActionResult<T>) {
  expect(result.ok).toBe(false);
  return localizeFailure(result as Extract<ActionResult<T>, { ok: false }>, 'fr');
}

describe('integrations and the outgoing channels', () => {
  it('say why Relm cannot send to an address in French, with the address and its range', async () => {
    const res = await createWebhook.as(admin)({ url: 'http://169.254.169.254/latest/meta-data/', events: ['release.deployed'] });
    expect(res.ok || res.message).toMatch(
      /^Relm cannot send there: destination refused: 169\.254\.169\.254 is a link-local address, the cloud metadata service/,
    );
    const fr = french(res);
    expect(fr.message).toMatch(
      /^Relm ne peut pas envoyer à cette adresse\u00a0: destination refusée\u00a0: 169\.254\.169\.254 est une adresse lien-local, le service de métadonnées du cloud/,
    );
    expect(fr.fieldErrors!.url![0]).toBe(fr.message);
  });

  it('give the URL and event field errors and a missing delivery in French', async () => {
    const fr = french(await createWebhook.as(admin)({ url: 'ftp://example.com/x', events: [] }));
    expect(fr.fieldErrors!.url).toEqual(['L’URL doit commencer par https:// (ou http://).']);
    expect(fr.fieldErrors!.events).toEqual(['Choisissez au moins un événement.']);
    const missing = french(await redeliver.as(admin)({ deliveryId: 'nope' }));
    expect(missing.message).toBe('Cet envoi\u00a0: introuvable, ou vous n’avez pas le droit de le voir.');
  });

  it('say a refused destination and e-mail being off in French', async () => {
    const check = await checkDestination('ftp://example.com/x');
    expect(check.ok).toBe(false);
    expect(localize((check as { reason: string }).reason, 'fr')).toBe('seules les URL http et https sont acceptées, pas ftp');
    const posted = await safePost('http://user:secret@example.com/x', '{}', {});
    expect(posted.detail).toBe('URLs with credentials (user:password@) are not allowed');
    expect(localize(posted.detail, 'fr')).toBe('les URL avec des identifiants (utilisateur:mot-de-passe@) ne sont pas acceptées');
    expect(localize(EMAIL_OFF_DETAIL, 'fr')).toBe('l’e-mail est désactivé (RELM_SMTP_URL n’est pas défini)');
  });
});

describe('single sign-on', () => {
  it('gives the mapping and break-glass refusals in French', async () => {
    const mapping = french(await createGroupMapping.as(admin)({ group: '', roles: [] }));
    expect(mapping.fieldErrors!.group).toEqual(['Saisissez le groupe exactement comme le fournisseur d’identité l’envoie dans la revendication groups.']);
    expect(mapping.fieldErrors!.roles![0]).toMatch(/^Choisissez au moins un rôle/);
    const email = `nobody-${uid()}@test.relm`;
    const settings = french(await updateSignInSettings.as(admin)({ passwordSignIn: true, breakGlassEmails: email }));
    expect(settings.message).toBe('Seuls des administrateurs actifs peuvent être administrateurs de secours.');
    expect(settings.fieldErrors!.breakGlassEmails).toEqual([`${email} n’est pas un utilisateur de Relm.`]);
  });
});

describe('handover and announcements', () => {
  it('say what a handover still needs in French, the missing fields listed', async () => {
    const release = await makeRelease(h.prisma, { ownerId: manager.id! });
    const key = releaseKey(release.number);
    const none = french(await acknowledgeHandover.as(ops)({ releaseKey: key }));
    expect(none.message).toBe(
      `${key} n’a pas encore de notes de passation\u00a0: le responsable de mise en production les prépare et les marque prêtes d’abord.`,
    );
    await h.prisma.release.update({ where: { id: release.id }, data: { status: 'approved' } });
    const res = await saveHandover.as(manager)({ releaseKey: key, runbook: 'Restart the pods.', markReady: true });
    expect(res.ok || res.message).toBe(
      'Handover notes are ready only when they say what changed, monitoring, support contacts. Fill them in, or save as a draft.',
    );
    const fr = french(res);
    expect(fr.message).toBe(
      'Les notes de passation ne sont prêtes que lorsqu’elles indiquent ce qui a changé, la supervision, les contacts du support. Complétez-les, ou enregistrez un brouillon.',
    );
    expect(fr.fieldErrors!.monitoring).toEqual(['Indiquez la supervision avant de marquer les notes prêtes pour l’exploitation.']);
  });

  it('say what an announcement still needs and its field limits in French', async () => {
    const release = await makeRelease(h.prisma, { ownerId: manager.id! });
    const key = releaseKey(release.number);
    const long = french(await saveAnnouncement.as(manager)({ releaseKey: key, title: 'x'.repeat(201) }));
    expect(long.fieldErrors!.title).toEqual(['Le titre\u00a0: au plus 200 caractères.']);
    const res = await publishAnnouncement.as(manager)({ releaseKey: key, title: 'New invoices' });
    expect(res.ok || res.message).toBe(
      'An announcement is published only when it says what changes for users, when it takes effect, whom to ask. Fill them in, or save a draft.',
    );
    expect(french(res).message).toBe(
      'Une annonce n’est publiée que lorsqu’elle indique ce qui change pour les utilisateurs, quand cela prend effet, à qui s’adresser. Complétez ces champs, ou enregistrez un brouillon.',
    );
  });
});

describe('reading pages', () => {
  it('note a dropped insights filter and the figures’ details in French', async () => {
    const page = await getInsightsPage(viewer, { team: `no-such-team-${uid()}` });
    expect(page.notes[0]).toMatch(/^There is no team “.*”\. That filter is not applied\.$/);
    expect(localize(page.notes[0]!, 'fr')).toMatch(/^Il n’y a pas d’équipe «\u00a0.*\u00a0»\. Ce filtre n’est pas appliqué\.$/);
    const frequency = page.figures.find((f) => f.key === 'deploymentFrequency')!;
    expect(frequency.detail).toMatch(/^0 successful deployments over \d+ weeks$/);
    expect(localize(frequency.detail, 'fr')).toMatch(/^0 déploiement réussi sur \d+ semaines$/);
  });

  it('gives the calendar feed’s and filters’ errors in French', async () => {
    const parsed = CalendarFeedQuerySchema.safeParse({ from: '2026-02-30' });
    expect(parsed.success).toBe(false);
    expect(localize(parsed.error!.issues[0]!.message, 'fr')).toBe('Donnez une date comme 2026-11-01 ou 2026-11-01T00:00:00Z.');
    const filters = french(await saveCalendarFilters.as(viewer)({ environment: 'Not A Name' }));
    expect(filters.fieldErrors!.environment).toEqual(['Choisissez un environnement dans la liste.']);
    const robot = french(await saveCalendarFilters.as(systemActor(['viewer']))({}));
    expect(robot.message).toBe('Seule une personne a des filtres de calendrier mémorisés\u00a0: connectez-vous en votre nom.');
  });

  it('names search hits’ details in French', async () => {
    const team = await h.prisma.team.create({ data: { slug: `search-${uid()}`, name: 'Paiements' } });
    const name = `fr-search-${uid()}`;
    await h.prisma.component.create({ data: { name, ownerTeamId: team.id } });
    const release = await makeRelease(h.prisma, { ownerId: manager.id! });
    const byKey = await search(viewer, releaseKey(release.number));
    const hit = byKey.groups.find((g) => g.kind === 'release')!.hits[0]!;
    expect(hit.detail).toBe('draft');
    expect(localize(hit.detail, 'fr')).toBe('brouillon');
    const byName = await search(viewer, name);
    const component = byName.groups.find((g) => g.kind === 'component')!.hits[0]!;
    expect(localize(component.detail, 'fr')).toBe('Appartient à Paiements');
    const people = await search(viewer, 'Ana Manager');
    const person = people.groups.find((g) => g.kind === 'person')!.hits.find((x) => x.title === 'Ana Manager')!;
    expect(person.detail).toMatch(/^@release-manager-\w+ · Release management \(tests\) · their releases$/);
    expect(localize(person.detail, 'fr')).toMatch(/^@release-manager-\w+ · Release management \(tests\) · ses mises en production$/);
  });

  it('corrects a reversed CAB agenda period with a note in French', async () => {
    const agenda = await cabAgenda(viewer, { from: '2026-03-10', to: '2026-03-01' });
    expect(agenda.note).toBe('The period was given end first; it is shown start first.');
    expect(localize(agenda.note!, 'fr')).toBe('La période a été donnée en commençant par la fin\u202f; elle est affichée dans l’ordre.');
  });

  it('explains a refused page and whom to ask in French, the roles joined by “ou”', async () => {
    const refusal = await pageRefusal(viewer, '/approvals');
    expect(refusal!.advice).toBe('If you need it for your work, ask a Relm admin to give you the approver or operations role.');
    expect(localize(refusal!.advice, 'fr')).toBe(
      'Si vous en avez besoin pour votre travail, demandez à un administrateur de Relm de vous donner l’un des rôles approbateur ou exploitation.',
    );
    expect(localize(refusal!.reason, 'fr')).toMatch(/^Vous ne pouvez pas /);
  });

  it('refuses a feed without its token in French', async () => {
    const feed = await getWhatsNewFeed(`nothing-${uid()}`, { actor: null, token: null }, 'https://relm.test');
    expect(feed.status).toBe(401);
    expect(localize((feed as { message: string }).message, 'fr')).toMatch(/^Ce flux a besoin de l’adresse avec son jeton/);
  });
});

describe('personal settings, policy and comments', () => {
  it('gives saved filters’, notifications’ and the unsubscribe page’s refusals in French', async () => {
    const blank = french(await saveFilter.as(viewer)({ name: '  ', query: 'risk=high' }));
    expect(blank.fieldErrors!.name).toEqual(['Nommez le filtre, par exemple «\u00a0Mes paiements\u00a0».']);
    const security = french(await saveNotificationPreferences.as(viewer)({ choices: [{ kind: 'security.password_changed', inApp: true, email: 'off' }] }));
    expect(security.message).toBe('Les e-mails de sécurité ne peuvent pas être désactivés.');
    const unknown = french(await markNotificationRead.as(viewer)({ id: 'nope' }));
    expect(unknown.message).toBe('Cette notification\u00a0: introuvable, ou vous n’avez pas le droit de le voir.');
    const view = await describeUnsubscribe('not-a-token');
    expect(view.ok).toBe(false);
    expect(localize((view as { message: string }).message, 'fr')).toMatch(/^Ce lien de désabonnement n’est pas valide/);
  });

  it('gives the policy’s and comments’ refusals in French', async () => {
    const note = french(await updatePolicy.as(admin)({ basedOnVersion: 0, note: 'x', document: {} }));
    expect(note.fieldErrors!.note).toEqual(['Dites pourquoi la politique change (au moins 3 caractères)\u00a0: c’est conservé avec la version.']);
    let broken = '';
    try {
      toCurrentPolicy({
        id: 'p',
        version: 7,
        document: { riskThresholds: 'no' },
        note: '',
        createdAt: new Date(),
        createdById: null,
        createdBy: null,
      } as never);
    } catch (err) {
      broken = (err as Error).message;
    }
    expect(broken).toMatch(/^The release policy \(version 7\) is not valid, so nothing that depends on it can be decided: .+\. An admin must save/);
    expect(localize(broken, 'fr')).toMatch(/^La politique de mise en production \(version 7\) n’est pas valide, .+ Administration › Politique\.$/);
    const comment = french(await editComment.as(manager)({ commentId: 'nope', body: 'Hello', version: 1 }));
    expect(comment.message).toBe('Ce commentaire\u00a0: introuvable, ou vous n’avez pas le droit de le voir.');
    const long = french(await editComment.as(manager)({ commentId: 'nope', body: 'x'.repeat(10_001), version: 1 }));
    expect(long.fieldErrors!.body).toEqual(['Un commentaire doit compter moins de 10\u202f000 caractères.']);
  });

  it('says why a password is too easy to guess in French, zxcvbn’s English unchanged', async () => {
    const strength = await checkPasswordStrength('aaaaaaaaaaaa', {});
    expect(strength.ok).toBe(false);
    const reasons = (strength as { reasons: string[] }).reasons;
    expect(reasons[0]).toBe('This password is too easy to guess.');
    expect(reasons.map((r) => localize(r, 'fr'))).toContain('Les caractères répétés comme «\u00a0aaa\u00a0» sont faciles à deviner.');
    expect(localize(reasons[0]!, 'fr')).toBe('Ce mot de passe est trop facile à deviner.');
    // the catalogue's English is zxcvbn's own, but for the warning about the person's own name
    const { userInputs: _ours, ...warnings } = enPasswordWords.warning;
    const { userInputs: _theirs, ...theirWarnings } = en.translations.warnings;
    expect(warnings).toEqual(theirWarnings);
    expect(enPasswordWords.suggestion).toEqual(en.translations.suggestions);
  });
});
