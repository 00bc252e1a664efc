import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { transitionEvent } from '@/lib/domain/events';
import { STATUS_LABELS } from '@/lib/domain/lifecycle';
import { releaseHref } from '@/lib/domain/release-parts';
import { formatRange } from '@/lib/domain/scheduling';
import { isValidTimeZone } from '@/lib/domain/recurrence';
import type { Tx } from './db';
import { emitEvent } from './events';
import { tellPeople } from './notify';
import { releaseKey } from './release-ref';

// Every lifecycle transition is recorded here (six places move a release: the lifecycle
// actions, the approval quorum and a rejection, deployments, back-outs and scope changes), so
// whatever follows a transition follows every one: today, the release's stakeholders are told
// of its progress (issue 13), in Relm and by e-mail.

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
    link: (key) => releaseHref(key, to === 'scheduled' ? 'schedule' : to === 'deploying' || to === 'deployed' || to === 'rolled_back' ? 'deployments' : 'overview'),
    details:
      to === 'scheduled'
        ? async () => {
            const windows = await tx.releaseEnvironment.findMany({
              where: { releaseId, scheduledStart: { not: null }, scheduledEnd: { not: null } },
              orderBy: { environment: { position: 'asc' } },
              select: { scheduledStart: true, scheduledEnd: true, environment: { select: { name: true } } },
            });
            return { windows: windows.map((w) => ({ environment: w.environment.name, start: w.scheduledStart!.toISOString(), end: w.scheduledEnd!.toISOString() })) };
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
      environments: {
        where: { scheduledStart: { not: null }, scheduledEnd: { not: null } },
        select: { scheduledStart: true, scheduledEnd: true, environment: { select: { displayName: true, position: true } } },
      },
    },
  });
  if (!release?.stakeholders.length) return;
  const key = releaseKey(release.number);
  const tz = isValidTimeZone(release.timezone) ? release.timezone : 'UTC';
  const windows =
    to === 'scheduled'
      ? [...release.environments]
          .sort((a, b) => a.environment.position - b.environment.position)
          .map((e) => `${e.environment.displayName}: ${formatRange({ start: e.scheduledStart!, end: e.scheduledEnd! }, tz)} (${tz})`)
      : [];
  await tellPeople(
    tx,
    release.stakeholders.map((s) => s.userId),
    {
      kind: 'release.progress',
      title: `${key} is now ${STATUS_LABELS[to].toLowerCase()}: ${release.title}`,
      body: [`You are a stakeholder of ${key}.`, ...(windows.length ? [`Windows:\n${windows.join('\n')}`] : [])].join('\n\n'),
      link: releaseHref(key, 'overview'),
      releaseId,
      releaseKey: key,
    },
    actorId,
  );
}
