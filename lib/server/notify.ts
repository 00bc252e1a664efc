import 'server-only';
import crypto from 'node:crypto';
import { isLocale, type Locale } from '@/lib/domain/locale';
import { isValidTimeZone } from '@/lib/domain/recurrence';
import { wordsFor, type Words } from '@/lib/domain/words';
import { effectiveChoice, isSecurityKind, type ChannelChoice } from '@/lib/domain/notification-preferences';
import { afterCommit } from './after-commit';
import { emailEnabled } from './channels/email';
import type { OutboundMessage } from './channels/types';
import { now } from './clock';
import type { Tx } from './db';
import { env } from './env';
import { enqueueDeliveries } from './outbox';
import { unsubscribeToken } from './unsubscribe-token';

// The one way Relm tells people something (issue 13): a notification in Relm (the bell) and,
// when e-mail is on, an e-mail through the outbox or an item for the daily digest, written in
// the caller's transaction. Each person's choices for the kind decide which
// (lib/domain/notification-preferences.ts; docs/decisions/029-notification-preferences.md).
// The e-mail's link is the notification's, made absolute with RELM_PUBLIC_URL.

/** The person a notification is written for: their zone, their language and its `tell` words. */
export interface Reader {
  /** their Profile's zone, else the Tell's `zone`, else UTC */
  zone: string;
  /** their Profile's language; English when they chose none (no browser to ask outside a request) */
  locale: Locale;
  t: Words<'tell'>;
}

/** What a notification says to one reader. */
export interface Said {
  title: string;
  body?: string;
}

export interface Tell {
  kind: string;
  /**
   * The title and body for one reader, in their language (the `tell` catalogue) and with times
   * in their zone, the zone named (docs/decisions/050, 057).
   */
  say: (reader: Reader) => Said;
  /** the zone for a reader who has none yet (e.g. the release's); UTC when unset */
  zone?: string;
  /** the page it is about, e.g. /releases/REL-12/approvals */
  link: string;
  /** the release it is about; none for notices about Relm itself (an integration disabled) */
  releaseId?: string | null;
  /** the release key, for the e-mail's subject */
  releaseKey?: string;
  /**
   * Names this event when the caller may tell it again (a timed reminder asked on every tick):
   * the same kind, link and eventKey make the same e-mail, written once even for a person who
   * switched the bell off. Without it, each call is an event of its own.
   */
  eventKey?: string;
}

/** Registered by the job engine's runtime: asks the relay to run now. */
const nudge = () => ((globalThis as Record<string, unknown>).__relmNudgeDeliveries as (() => Promise<void>) | undefined)?.();

/** Asks the relay to send what this transaction queued, once it commits. */
export function nudgeAfterCommit(tx: Tx): void {
  afterCommit(tx, nudge);
}

export function absoluteUrl(link: string): string | undefined {
  const base = env().RELM_PUBLIC_URL;
  return base ? `${base}${link.startsWith('/') ? link : `/${link}`}` : undefined;
}

/** Where a person changes what reaches them. */
export const SETTINGS_PATH = '/profile/notifications';

/** The signed one-click unsubscribe link for a person and a kind ('*': all but security), or undefined. */
export function unsubscribeUrl(userId: string, kind: string): string | undefined {
  if (isSecurityKind(kind)) return undefined;
  return absoluteUrl(`/unsubscribe?t=${unsubscribeToken({ userId, kind })}`);
}

/**
 * Tells each of `userIds` (but `except`, the person who acted) once, as each chose for this
 * kind. One statement reads every recipient's roles and stored choice for the kind.
 */
export async function tellPeople(tx: Tx, userIds: (string | null | undefined)[], n: Tell, except: string | null = null): Promise<void> {
  const ids = [...new Set(userIds.filter((x): x is string => !!x && x !== except))];
  if (!ids.length) return;
  const people = await tx.user.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      email: true,
      disabledAt: true,
      timeZone: true,
      locale: true,
      roles: { select: { role: true } },
      notificationPrefs: { where: { kind: n.kind }, select: { inApp: true, email: true } },
    },
  });
  const zoneOf = new Map(
    people.map((p) => [p.id, p.timeZone && isValidTimeZone(p.timeZone) ? p.timeZone : n.zone && isValidTimeZone(n.zone) ? n.zone : 'UTC']),
  );
  // each reader's words, said once
  const said = new Map(
    people.map((p) => {
      const locale = isLocale(p.locale) ? p.locale : 'en';
      const words = n.say({ zone: zoneOf.get(p.id) ?? 'UTC', locale, t: wordsFor(locale, 'tell') });
      return [p.id, { locale, title: words.title.slice(0, 300), body: (words.body ?? '').slice(0, 4000) }];
    }),
  );
  const saidTo = (userId: string) => said.get(userId)!;
  const choice = new Map<string, ChannelChoice>(
    people.map((p) => [
      p.id,
      effectiveChoice(
        n.kind,
        p.roles.map((r) => r.role),
        p.notificationPrefs[0] ?? null,
      ),
    ]),
  );
  const inApp = ids.filter((id) => choice.get(id)?.inApp);
  const rows = inApp.length
    ? await tx.notification.createManyAndReturn({
        data: inApp
          .filter((userId) => said.has(userId))
          .map((userId) => ({ userId, kind: n.kind, title: saidTo(userId).title, body: saidTo(userId).body, link: n.link, releaseId: n.releaseId ?? null })),
        select: { id: true, userId: true },
      })
    : [];
  if (!emailEnabled()) return;
  const noteOf = new Map(rows.map((r) => [r.userId, r.id]));
  // one e-mail per event and person, whether or not the person has the notification in Relm
  const event = n.eventKey ? crypto.createHash('sha256').update(`${n.kind}\n${n.link}\n${n.eventKey}`).digest('hex').slice(0, 32) : crypto.randomUUID();
  const keyOf = (userId: string, channel: 'email' | 'digest') => {
    const note = noteOf.get(userId);
    return note ? `notification:${note}:${channel}` : `tell:${n.kind}:${event}:${userId}:${channel}`;
  };
  const url = absoluteUrl(n.link);
  const settingsUrl = absoluteUrl(SETTINGS_PATH);
  const active = people.filter((p) => !p.disabledAt);
  const immediate = active.filter((p) => choice.get(p.id)?.email === 'immediate');
  const digest = active.filter((p) => choice.get(p.id)?.email === 'digest');
  const written = await enqueueDeliveries(
    tx,
    immediate.map((p) => {
      const unsubscribe = unsubscribeUrl(p.id, n.kind);
      const { locale, title, body } = saidTo(p.id);
      const message: OutboundMessage = {
        event: n.kind,
        locale,
        ...(n.releaseKey ? { releaseKey: n.releaseKey } : {}),
        subject: title,
        summary: title,
        lines: body ? body.split(/\n{2,}/) : [],
        ...(url ? { action: { label: wordsFor(locale, 'email')('openInRelm'), url } } : {}),
        ...(settingsUrl ? { settingsUrl } : {}),
        ...(unsubscribe ? { unsubscribeUrl: unsubscribe } : {}),
      };
      return {
        channel: 'email' as const,
        event: n.kind,
        dedupeKey: keyOf(p.id, 'email'),
        releaseId: n.releaseId ?? null,
        userId: p.id,
        recipient: p.email,
        message,
      };
    }),
  );
  if (digest.length) {
    const at = now();
    await tx.digestItem.createMany({
      data: digest.map((p) => ({
        userId: p.id,
        kind: n.kind,
        title: n.releaseKey && !saidTo(p.id).title.startsWith(n.releaseKey) ? `${n.releaseKey}: ${saidTo(p.id).title}` : saidTo(p.id).title,
        url: url ?? null,
        releaseId: n.releaseId ?? null,
        dedupeKey: keyOf(p.id, 'digest'),
        createdAt: at,
      })),
      skipDuplicates: true,
    });
  }
  if (written) nudgeAfterCommit(tx);
}
