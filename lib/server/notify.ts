import 'server-only';
import { afterCommit } from './after-commit';
import { emailEnabled } from './channels/email';
import type { OutboundMessage } from './channels/types';
import type { Tx } from './db';
import { env } from './env';
import { enqueueDeliveries } from './outbox';

// The one way Relm tells people something (issue 13): a notification in Relm (the bell) and,
// when e-mail is on, an e-mail through the outbox, written in the caller's transaction. The
// e-mail's link is the notification's, made absolute with RELM_PUBLIC_URL.

export interface Tell {
  kind: string;
  title: string;
  body?: string;
  /** the page it is about, e.g. /releases/REL-12/approvals */
  link: string;
  /** the release it is about; none for notices about Relm itself (an integration disabled) */
  releaseId?: string | null;
  /** the release key, for the e-mail's subject */
  releaseKey?: string;
}

/** Registered by the job engine's runtime: asks the relay to run now. */
const nudge = () => ((globalThis as Record<string, unknown>).__relmNudgeDeliveries as (() => Promise<void>) | undefined)?.();

export function absoluteUrl(link: string): string | undefined {
  const base = env().RELM_PUBLIC_URL;
  return base ? `${base}${link.startsWith('/') ? link : `/${link}`}` : undefined;
}

/** Tells each of `userIds` (but `except`, the person who acted) once. */
export async function tellPeople(tx: Tx, userIds: (string | null | undefined)[], n: Tell, except: string | null = null): Promise<void> {
  const ids = [...new Set(userIds.filter((x): x is string => !!x && x !== except))];
  if (!ids.length) return;
  const title = n.title.slice(0, 300);
  const body = (n.body ?? '').slice(0, 4000);
  const rows = await tx.notification.createManyAndReturn({
    data: ids.map((userId) => ({ userId, kind: n.kind, title, body, link: n.link, releaseId: n.releaseId ?? null })),
    select: { id: true, userId: true },
  });
  if (!emailEnabled()) return;
  const people = await tx.user.findMany({ where: { id: { in: ids }, disabledAt: null }, select: { id: true, email: true } });
  const email = new Map(people.map((p) => [p.id, p.email]));
  const url = absoluteUrl(n.link);
  const settingsUrl = absoluteUrl('/profile');
  const message: OutboundMessage = {
    event: n.kind,
    ...(n.releaseKey ? { releaseKey: n.releaseKey } : {}),
    subject: title,
    summary: title,
    lines: body ? body.split(/\n{2,}/) : [],
    ...(url ? { action: { label: 'Open in Relm', url } } : {}),
    ...(settingsUrl ? { settingsUrl } : {}),
  };
  const written = await enqueueDeliveries(
    tx,
    rows.flatMap((r) => {
      const to = email.get(r.userId);
      return to
        ? [
            {
              channel: 'email' as const,
              event: n.kind,
              dedupeKey: `notification:${r.id}:email`,
              releaseId: n.releaseId ?? null,
              userId: r.userId,
              recipient: to,
              message,
            },
          ]
        : [];
    }),
  );
  if (written) afterCommit(tx, nudge);
}
