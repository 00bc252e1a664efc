import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { transitionEvent } from '@/lib/domain/events';
import { STATUS_LABELS } from '@/lib/domain/lifecycle';
import { rolesWith } from '@/lib/domain/permissions';
import { releaseHref } from '@/lib/domain/release-parts';
import type { Locale } from '@/lib/domain/locale';
import { rangeForReader } from '@/lib/domain/zoned-time';
import { isValidTimeZone } from '@/lib/domain/recurrence';
import type { Tx } from './db';
import { emitEvent } from './events';
import { tellPeople } from './notify';
import { releaseKey } from './release-ref';

// Every lifecycle transition is recorded here (six places move a release: the lifecycle
// actions, the approval quorum and a rejection, deployments, back-outs and scope changes), so
// whatever follows a transition follows every one: today, the release's stakeholders are told
// of its progress (issue 13), in Relm and by e-mail, and so are the people watching it.

export async function recordTransition(tx: Tx, args: { data: Prisma.ReleaseTransitionUncheckedCreateInput }) {
  const transition = await tx.releaseTransition.create({ data: args.data });
  if (transition.fromStatus !== transition.toStatus) {
    await tellStakeholders(tx, transition.releaseId, transition.toStatus, transition.actorId);
    await emitTransition(tx, transition.releaseId, transition.toStatus, transition.reason);
  }
  return transition;
}

/** The transition as an event for webhooks and team chats (lib/domain/events.ts). */
async function emitTransition(tx: Tx, releaseId: string, to: keyof typeof STATUS_LABELS, reason: string | null) {
  const type = transitionEvent(to);
  if (!type) return;
  await emitEvent(tx, {
    type,
    releaseId,
    summary: ({ key, title }) => `${key} is now ${STATUS_LABELS[to].toLowerCase()}: ${title}`,
    lines: reason ? [reason] : [],
    link: (key) =>
      releaseHref(key, to === 'scheduled' ? 'schedule' : to === 'deploying' || to === 'deployed' || to === 'rolled_back' ? 'deployments' : 'overview'),
    details:
      to === 'scheduled'
        ? async () => {
            const windows = await tx.releaseEnvironment.findMany({
              where: { releaseId, scheduledStart: { not: null }, scheduledEnd: { not: null } },
              orderBy: { environment: { position: 'asc' } },
              select: { scheduledStart: true, scheduledEnd: true, environment: { select: { name: true } } },
            });
            return {
              windows: windows.map((w) => ({ environment: w.environment.name, start: w.scheduledStart!.toISOString(), end: w.scheduledEnd!.toISOString() })),
            };
          }
        : undefined,
  });
}

async function tellStakeholders(tx: Tx, releaseId: string, to: keyof typeof STATUS_LABELS, actorId: string | null) {
  const release = await tx.release.findUnique({
    where: { id: releaseId },
    select: {
      number: true,
      title: true,
      timezone: true,
      stakeholders: { select: { userId: true } },
      // those who may still read it: an active person with a role that reads releases
      watchers: {
        where: { user: { disabledAt: null, roles: { some: { role: { in: rolesWith('release.read') } } } } },
        select: { userId: true },
      },
      environments: {
        where: { scheduledStart: { not: null }, scheduledEnd: { not: null } },
        select: { scheduledStart: true, scheduledEnd: true, environment: { select: { displayName: true, position: true } } },
      },
    },
  });
  if (!release || (!release.stakeholders.length && !release.watchers.length)) return;
  const key = releaseKey(release.number);
  const releaseZone = isValidTimeZone(release.timezone) ? release.timezone : 'UTC';
  // the windows in each person's own time zone (their profile), else the release's, in their language
  const windowsIn = (tz: string, locale: Locale) =>
    to === 'scheduled'
      ? [...release.environments]
          .sort((a, b) => a.environment.position - b.environment.position)
          .map((e) => `${e.environment.displayName}: ${rangeForReader({ start: e.scheduledStart!, end: e.scheduledEnd! }, tz, releaseZone, 'release', locale)}`)
      : [];
  const told = new Set(release.stakeholders.map((s) => s.userId));
  // a stakeholder who also watches is told once, as a stakeholder
  const groups = [
    { ids: release.stakeholders.map((p) => p.userId), why: 'stakeholder' as const },
    { ids: release.watchers.filter((w) => !told.has(w.userId)).map((p) => p.userId), why: 'watcher' as const },
  ];
  for (const g of groups) {
    if (!g.ids.length) continue;
    await tellPeople(
      tx,
      g.ids,
      {
        kind: 'release.progress',
        zone: releaseZone,
        say: ({ t, zone, locale }) => {
          const windows = windowsIn(zone, locale);
          return {
            title: t('release.progress.title', { key, status: to, title: release.title }),
            body: [t(`release.progress.${g.why}`, { key }), ...(windows.length ? [`${t('release.progress.windows')}\n${windows.join('\n')}`] : [])].join(
              '\n\n',
            ),
          };
        },
        link: releaseHref(key, 'overview'),
        releaseId,
        releaseKey: key,
      },
      actorId,
    );
  }
}
