import 'server-only';
import { z } from 'zod';
import {
  cutoffCountdown,
  cutoffOf,
  DEPARTURE_STATUS_LABELS,
  departureMetrics,
  departureStatus,
  departuresBetween,
  describeCadence,
  describeCutoff,
  formatTrainTime,
  isDeparture,
  joinDecision,
  LATE_JOIN_REASON_MIN,
  lateJoinGrantRefusal,
  MAX_CUTOFF_MINUTES,
  releaseShipped,
  trainSlug,
  upcomingDepartures,
  type DepartureMetrics,
  type DepartureRelease,
  type DepartureStatus,
  type TrainCadence,
} from '@/lib/domain/trains';
import { computeReleaseMetrics } from '@/lib/domain/release-metrics';
import { instantForReader } from '@/lib/domain/zoned-time';
import { validateRecurrence } from '@/lib/domain/recurrence';
import { allowsValue } from '@/lib/domain/release-rules';
import type { GateResult, MessageRef } from '@/lib/domain/result';
import type { SayValue } from '@/lib/domain/said';
import { defineMutation } from './action';
import type { Actor } from './actor';
import { allows, assertCan } from './authz';
import { now as clockNow } from './clock';
import { db, type Db, type Tx } from './db';
import { deploymentGates } from './deployments';
import { conflict, forbidden, invalid, notFound, Refusal, stale } from './errors';
import { managedByKey, releaseManagement } from './release-managers';
import { parseReleaseKey, refOf, releaseKey, type ReleaseArg } from './release-ref';
import { versionField } from './versioned';
import { tellPeople } from './notify';
import { metricsDeployment } from './metrics';
import { sayer } from './say';

const say = sayer('server-trains');

// Release trains (issue 15, point 3; docs/decisions/046-release-trains.md). The rules are
// lib/domain/trains.ts; this module stores trains, the departures releases joined (a departure
// is computed from the cadence and stored when a release joins it or asks to join it late),
// the seats and the late-join exceptions, and reads the train pages and the release's panel.

export const MAX_TRAIN_ENVIRONMENTS = 20;
const MINUTE = 60_000;

const nameList = z
  .preprocess(
    (v) => (typeof v === 'string' ? v.split(',') : v === undefined || v === null ? [] : v),
    z
      .array(
        z
          .string({ error: say('field.environmentText') })
          .trim()
          .toLowerCase()
          .max(64, say('field.environmentTooLong')),
        {
          error: say('field.environmentList'),
        },
      )
      .max(MAX_TRAIN_ENVIRONMENTS, { error: () => say('field.tooManyEnvironments', { max: MAX_TRAIN_ENVIRONMENTS }) }),
  )
  .transform((list) => [...new Set(list.filter(Boolean))]);

const trainFields = {
  name: z.string().trim().min(3, say('field.name')).max(120, say('field.nameTooLong')),
  description: z.string().trim().max(1000, say('field.descriptionTooLong')).default(''),
  rrule: z.string().trim().max(500, say('field.rruleTooLong')).default(''),
  cron: z.string().trim().max(200, say('field.cronTooLong')).default(''),
  timezone: z.string().trim().max(64, say('field.timezoneTooLong')).default('UTC'),
  cutoffHours: z.coerce
    .number({ error: say('field.cutoff') })
    .min(0, say('field.cutoffNegative'))
    .max(MAX_CUTOFF_MINUTES / 60, { error: () => say('field.cutoffTooLong', { hours: MAX_CUTOFF_MINUTES / 60 }) }),
  environments: nameList.default([]),
};

export const CreateTrainSchema = z.object(trainFields);
export const UpdateTrainSchema = z.object({
  id: z.string().trim().min(1, say('field.missingId')).max(64),
  version: versionField,
  ...trainFields,
  active: z.union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0']).transform((v) => v === 'true' || v === 'on' || v === '1')]).default(true),
});

const GIVE_RELEASE_KEY = say('field.releaseKey');
const releaseKeyField = z.string({ error: GIVE_RELEASE_KEY }).trim().toUpperCase().min(1, GIVE_RELEASE_KEY).max(20);
const departureFields = {
  releaseKey: releaseKeyField,
  trainId: z
    .string({ error: say('field.train') })
    .trim()
    .min(1, say('field.train'))
    .max(64, say('field.trainFromList')),
  departureAt: z
    .string({ error: say('field.departure') })
    .trim()
    .min(1, say('field.departure'))
    .max(40)
    .refine((v) => Number.isFinite(Date.parse(v)), say('field.departureFromList')),
};
export const JoinTrainSchema = z.object(departureFields);
export const LeaveTrainSchema = z.object({ releaseKey: releaseKeyField });
export const RequestLateJoinSchema = z.object({
  ...departureFields,
  reason: z
    .string()
    .trim()
    .min(LATE_JOIN_REASON_MIN, { error: () => say('field.reason', { min: LATE_JOIN_REASON_MIN }) })
    .max(2000, say('field.reasonTooLong')),
});
export const DecideLateJoinSchema = z.object({ id: z.string().trim().min(1, say('field.missingId')).max(64) });

// ---------------------------------------------------------------- helpers

type TrainRow = { id: string; slug: string; name: string; rrule: string | null; cron: string | null; timezone: string; cutoffMinutes: number; active: boolean };

const cadenceOf = (t: Pick<TrainRow, 'rrule' | 'cron' | 'timezone'>): TrainCadence => ({ rrule: t.rrule, cron: t.cron, timezone: t.timezone });
const iso = (d: Date) => d.toISOString();

/** Serialises train writes (unique names and slugs). */
const TRAIN_LOCK = 7304221081;

type TrainInput = z.output<typeof CreateTrainSchema>;

async function checkTrain(tx: Tx, input: TrainInput, exceptId?: string) {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${TRAIN_LOCK}::bigint)`;
  const errors: Record<string, string[]> = {};
  const timezone = input.timezone || 'UTC';
  let cadence: { rrule: string | null; cron: string | null; timezone: string } | null = null;
  const rec = validateRecurrence({ kind: 'recurring', rrule: input.rrule, cron: input.cron, durationMinutes: 1, timezone });
  if (!rec.ok) {
    const errs = { ...rec.errors };
    delete errs.durationMinutes;
    if (!input.rrule && !input.cron && errs.rrule) {
      errs.rrule = [say('check.cadence')];
    }
    Object.assign(errors, errs);
  } else if (rec.value.kind === 'recurring') {
    cadence = { rrule: rec.value.rrule ?? null, cron: rec.value.cron ?? null, timezone: rec.value.timezone };
  }
  const envs = input.environments.length
    ? await tx.environment.findMany({ where: { name: { in: input.environments } }, select: { id: true, name: true, position: true } })
    : [];
  const missing = input.environments.filter((n) => !envs.some((e) => e.name === n));
  if (missing.length) {
    const known = (await tx.environment.findMany({ orderBy: { position: 'asc' }, select: { name: true }, take: 20 })).map((e) => e.name);
    // names are data: quoted and separated by commas in every language
    errors.environments = [
      say('check.unknownEnvironments', {
        missing: missing.map((n) => `"${n.slice(0, 64)}"`).join(', '),
        known: known.length ? known.join(', ') : { key: 'check.noneYet' },
      }),
    ];
  } else if (!input.environments.length) {
    errors.environments = [say('check.noEnvironment')];
  }
  const clash = await tx.train.findFirst({
    where: { name: { equals: input.name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) errors.name = [say('check.nameTakenField', { name: input.name })];
  if (!cadence || Object.keys(errors).length) {
    const onlyName = Object.keys(errors).length === 1 && errors.name;
    throw onlyName ? conflict(say('check.nameTaken'), errors) : invalid(say('check.attention'), errors);
  }
  return { cadence, envs: envs.sort((a, b) => a.position - b.position), cutoffMinutes: Math.round(input.cutoffHours * 60) };
}

async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base = trainSlug(name);
  const taken = new Set((await tx.train.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((t) => t.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function snapshot(
  t: { name: string; description: string; rrule: string | null; cron: string | null; timezone: string; cutoffMinutes: number; active: boolean },
  envs: string[],
) {
  return {
    name: t.name,
    description: t.description,
    rrule: t.rrule,
    cron: t.cron,
    timezone: t.timezone,
    cutoffMinutes: t.cutoffMinutes,
    active: t.active,
    environments: [...envs].sort(),
  };
}

// ---------------------------------------------------------------- train mutations

export const createTrain = defineMutation({
  name: 'train.create',
  permission: 'train.write',
  input: CreateTrainSchema,
  async run({ tx, actor, input, audit }) {
    const { cadence, envs, cutoffMinutes } = await checkTrain(tx, input);
    const slug = await freeSlug(tx, input.name);
    const t = await tx.train.create({
      data: {
        slug,
        name: input.name,
        description: input.description,
        ...cadence,
        cutoffMinutes,
        createdById: actor.type === 'system' ? null : actor.id,
        environments: { create: envs.map((e) => ({ environmentId: e.id })) },
      },
    });
    await audit({
      action: 'train.create',
      targetType: 'train',
      targetId: t.id,
      after: snapshot(
        t,
        envs.map((e) => e.name),
      ),
    });
    return { id: t.id, slug: t.slug, name: t.name, version: t.version };
  },
});

export const updateTrain = defineMutation({
  name: 'train.update',
  permission: 'train.write',
  input: UpdateTrainSchema,
  async run({ tx, actor, input, audit, noChange }) {
    const current = await tx.train.findUnique({ where: { id: input.id }, include: { environments: { select: { environment: { select: { name: true } } } } } });
    if (!current) throw notFound(say('thatTrain'));
    const { cadence, envs, cutoffMinutes } = await checkTrain(tx, input, current.id);
    const before = snapshot(
      current,
      current.environments.map((e) => e.environment.name),
    );
    const after = snapshot(
      { name: input.name, description: input.description, ...cadence, cutoffMinutes, active: input.active },
      envs.map((e) => e.name),
    );
    if (current.version !== input.version) {
      throw stale(say('stale', { name: current.name, version: current.version }));
    }
    if (JSON.stringify(before) === JSON.stringify(after)) {
      noChange();
      return { id: current.id, slug: current.slug, name: current.name, version: current.version };
    }
    // compare-and-set on the version: of two concurrent edits only the first wins
    const { count } = await tx.train.updateMany({
      where: { id: current.id, version: input.version },
      data: {
        name: input.name,
        description: input.description,
        ...cadence,
        cutoffMinutes,
        active: input.active,
        version: { increment: 1 },
        updatedById: actor.type === 'system' ? null : actor.id,
      },
    });
    if (count !== 1) throw stale(say('staleRace', { name: current.name }));
    await tx.trainEnvironment.deleteMany({ where: { trainId: current.id } });
    await tx.trainEnvironment.createMany({ data: envs.map((e) => ({ trainId: current.id, environmentId: e.id })) });
    await audit({ action: 'train.update', targetType: 'train', targetId: current.id, before, after });
    return { id: current.id, slug: current.slug, name: input.name, version: current.version + 1 };
  },
});

// ---------------------------------------------------------------- joining

async function lockRow(tx: Tx, table: 'Release' | 'Train', id: string) {
  if (table === 'Release') await tx.$queryRaw`SELECT "id" FROM "Release" WHERE "id" = ${id} FOR UPDATE`;
  else await tx.$queryRaw`SELECT "id" FROM "Train" WHERE "id" = ${id} FOR UPDATE`;
}

/** The release, the train and the departure an input names, locked and checked to exist. */
async function loadJoin(tx: Tx, input: { releaseKey: string; trainId: string; departureAt: string }) {
  const number = parseReleaseKey(input.releaseKey);
  const release = number ? await tx.release.findUnique({ where: { number }, select: { id: true, number: true, status: true, ownerId: true } }) : null;
  if (!release) throw notFound(say('theRelease', { key: input.releaseKey.slice(0, 20) }));
  await lockRow(tx, 'Release', release.id);
  const train = await tx.train.findUnique({ where: { id: input.trainId } });
  if (!train) throw invalid(say('join.trainGone'), { trainId: [say('join.trainGoneField')] });
  await lockRow(tx, 'Train', train.id);
  const departureAt = new Date(input.departureAt);
  const stored = await tx.trainDeparture.findUnique({ where: { trainId_departureAt: { trainId: train.id, departureAt } } });
  if (!stored && !isDeparture(cadenceOf(train), departureAt)) {
    throw invalid(say('join.noSuchDeparture', { train: train.name, at: formatTrainTime(departureAt, train.timezone) }), {
      departureAt: [say('join.noSuchDepartureField')],
    });
  }
  const departure = { departureAt, cutoffAt: stored?.cutoffAt ?? cutoffOf(departureAt, train.cutoffMinutes) };
  return { release, key: releaseKey(release.number), train, departure, stored };
}

async function storeDeparture(tx: Tx, trainId: string, d: { departureAt: Date; cutoffAt: Date }) {
  return tx.trainDeparture.upsert({
    where: { trainId_departureAt: { trainId, departureAt: d.departureAt } },
    create: { trainId, departureAt: d.departureAt, cutoffAt: d.cutoffAt },
    update: {},
  });
}

/** A message of the gates catalogue as a value of a sentence. */
const gateWords = (ref: MessageRef): SayValue => ({ ns: 'gates', key: ref.key, ...(ref.values ? { values: ref.values as Record<string, SayValue> } : {}) });

/** A failed join gate as the refusal: why, then what would satisfy it (in the reader's language from the gate's words). */
const refusalOf = (gate: GateResult) =>
  new Refusal(
    'gates',
    gate.words?.fix ? say('join.gate', { why: gateWords(gate.words.why), fix: gateWords(gate.words.fix) }) : `${gate.why} ${gate.fix ?? ''}`.trim(),
    { gates: [gate] },
  );

export const joinTrain = defineMutation({
  name: 'train.join',
  permission: 'release.edit',
  release: managedByKey('releaseKey'),
  input: JoinTrainSchema,
  async run({ tx, actor, input, audit }) {
    const { release, key, train, departure, stored } = await loadJoin(tx, input);
    const seat = await tx.trainSeat.findUnique({
      where: { releaseId: release.id },
      include: { departure: { include: { train: { select: { name: true } } } } },
    });
    if (seat) {
      const same = seat.departure.trainId === train.id && seat.departure.departureAt.getTime() === departure.departureAt.getTime();
      throw conflict(
        same
          ? say('join.alreadyHere', { key })
          : say('join.alreadyElsewhere', { key, train: seat.departure.train.name, at: formatTrainTime(seat.departure.departureAt, train.timezone) }),
      );
    }
    const now = clockNow();
    const granted = stored ? (await tx.trainLateJoin.count({ where: { releaseId: release.id, departureId: stored.id, status: 'granted' } })) > 0 : false;
    const decision = joinDecision({
      trainName: train.name,
      trainActive: train.active,
      releaseKey: key,
      releaseStatus: release.status,
      departure,
      departureText: formatTrainTime(departure.departureAt, train.timezone),
      cutoffText: formatTrainTime(departure.cutoffAt, train.timezone),
      cutoffMinutes: Math.round((departure.departureAt.getTime() - departure.cutoffAt.getTime()) / MINUTE),
      now,
      lateJoinGranted: granted,
    });
    if (!decision.ok) throw refusalOf(decision.gate);
    const d = await storeDeparture(tx, train.id, departure);
    await tx.trainSeat.create({ data: { releaseId: release.id, departureId: d.id, joinedById: actor.id, joinedAt: now, late: decision.late } });
    await audit({
      action: 'train.join',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      after: { train: train.name, trainId: train.id, departureAt: iso(d.departureAt), cutoffAt: iso(d.cutoffAt), late: decision.late },
    });
    return { releaseKey: key, train: train.name, slug: train.slug, departureAt: iso(d.departureAt), cutoffAt: iso(d.cutoffAt), late: decision.late };
  },
});

export const leaveTrain = defineMutation({
  name: 'train.leave',
  permission: 'release.edit',
  release: managedByKey('releaseKey'),
  input: LeaveTrainSchema,
  async run({ tx, input, audit, noChange }) {
    const number = parseReleaseKey(input.releaseKey);
    const release = number ? await tx.release.findUnique({ where: { number }, select: { id: true, number: true, status: true } }) : null;
    if (!release) throw notFound(say('theRelease', { key: input.releaseKey.slice(0, 20) }));
    await lockRow(tx, 'Release', release.id);
    const key = releaseKey(release.number);
    const seat = await tx.trainSeat.findUnique({ where: { releaseId: release.id }, include: { departure: { include: { train: true } } } });
    if (!seat) {
      noChange();
      return { releaseKey: key, left: false };
    }
    const now = clockNow();
    if (seat.departure.departureAt.getTime() <= now.getTime() && !allowsValue(release.status, 'planWindows')) {
      throw conflict(
        say('leave.departed', {
          key,
          train: seat.departure.train.name,
          at: formatTrainTime(seat.departure.departureAt, seat.departure.train.timezone),
          status: { term: `releaseWord.${release.status}` },
        }),
      );
    }
    await tx.trainSeat.delete({ where: { releaseId: release.id } });
    await audit({
      action: 'train.leave',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      before: { train: seat.departure.train.name, trainId: seat.departure.trainId, departureAt: iso(seat.departure.departureAt), late: seat.late },
    });
    return { releaseKey: key, left: true };
  },
});

// ---------------------------------------------------------------- late-join exceptions

export const requestLateJoin = defineMutation({
  name: 'train.late_join_request',
  permission: 'release.edit',
  release: managedByKey('releaseKey'),
  input: RequestLateJoinSchema,
  async run({ tx, actor, input, audit }) {
    if (actor.type === 'system' || !actor.id) throw invalid(say('lateJoin.person'));
    const { release, key, train, departure } = await loadJoin(tx, input);
    const now = clockNow();
    if (!allowsValue(release.status, 'planWindows')) {
      throw conflict(say('lateJoin.closed', { key, status: { term: `releaseWord.${release.status}` } }));
    }
    if (now.getTime() >= departure.departureAt.getTime())
      throw conflict(say('lateJoin.departed', { train: train.name, at: formatTrainTime(departure.departureAt, train.timezone) }));
    if (now.getTime() < departure.cutoffAt.getTime()) {
      throw conflict(say('lateJoin.beforeCutoff', { at: formatTrainTime(departure.cutoffAt, train.timezone), key }));
    }
    const d = await storeDeparture(tx, train.id, departure);
    const live = await tx.trainLateJoin.findFirst({
      where: { releaseId: release.id, departureId: d.id, status: { in: ['requested', 'granted'] } },
      include: { requestedBy: { select: { name: true } } },
    });
    if (live) {
      throw conflict(live.status === 'granted' ? say('lateJoin.alreadyGranted', { key }) : say('lateJoin.alreadyAsked', { name: live.requestedBy.name, key }));
    }
    const lj = await tx.trainLateJoin.create({ data: { departureId: d.id, releaseId: release.id, reason: input.reason, requestedById: actor.id } });
    await audit({
      action: 'train.late_join_request',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      after: { lateJoinId: lj.id, train: train.name, departureAt: iso(d.departureAt), cutoffAt: iso(d.cutoffAt), reason: input.reason },
    });
    // the release's owner and co-managers and whoever set the train up hear of it (a second person
    // must grant it), as the owner does of a freeze override
    const coManagers = await tx.releaseCoManager.findMany({ where: { releaseId: release.id }, select: { userId: true } });
    await tellPeople(
      tx,
      [release.ownerId, ...coManagers.map((c) => c.userId), train.createdById],
      {
        kind: 'train.late_join_requested',
        zone: train.timezone,
        say: ({ t, zone, locale }) => ({
          title: t('train.lateJoinRequested.title', { name: actor.name, key, train: train.name }),
          body: t('train.lateJoinRequested.body', {
            departure: instantForReader(d.departureAt, zone, locale),
            cutoff: instantForReader(d.cutoffAt, zone, locale),
            reason: input.reason,
          }),
        }),
        link: `/trains/${train.slug}`,
        releaseId: release.id,
      },
      actor.id,
    );
    return { id: lj.id, releaseKey: key, train: train.name, departureAt: iso(d.departureAt), status: lj.status };
  },
});

async function loadLateJoin(tx: Tx, id: string) {
  const lj = await tx.trainLateJoin.findUnique({
    where: { id },
    include: {
      departure: { include: { train: { select: { name: true, slug: true, timezone: true } } } },
      release: { select: { id: true, number: true } },
      requestedBy: { select: { id: true, name: true } },
      confirmedBy: { select: { name: true } },
    },
  });
  if (!lj) throw notFound(say('thatLateJoin'));
  return lj;
}

/** A late join read again under its release's lock, so two decisions on it are taken in turn. */
async function lockLateJoin(tx: Tx, id: string) {
  const first = await loadLateJoin(tx, id);
  await lockRow(tx, 'Release', first.release.id);
  return loadLateJoin(tx, id);
}

function alreadyDecided(lj: Awaited<ReturnType<typeof loadLateJoin>>): string {
  const who = lj.confirmedBy?.name ?? lj.requestedBy.name;
  return say('lateJoin.alreadyDecided', { status: lj.status, who });
}

/** The person who asked for a late join hears what a second person decided. */
async function tellRequester(tx: Tx, lj: Awaited<ReturnType<typeof loadLateJoin>>, actor: Actor, decided: 'granted' | 'refused') {
  const train = lj.departure.train;
  await tellPeople(
    tx,
    [lj.requestedById],
    {
      kind: 'train.late_join_decided',
      zone: train.timezone,
      say: ({ t, zone, locale }) => ({
        title: t(`train.lateJoinDecided.${decided}.title`, { name: actor.name, key: releaseKey(lj.release.number), train: train.name }),
        body: t(`train.lateJoinDecided.${decided}.body`, { departure: instantForReader(lj.departure.departureAt, zone, locale) }),
      }),
      link: `/trains/${train.slug}`,
      releaseId: lj.release.id,
    },
    actor.id,
  );
}

export const grantLateJoin = defineMutation({
  name: 'train.late_join_grant',
  permission: 'freeze.override',
  input: DecideLateJoinSchema,
  async run({ tx, actor, input, audit }) {
    const lj = await lockLateJoin(tx, input.id);
    const refusal = lateJoinGrantRefusal(lj.requestedById, actor.type === 'system' ? null : actor.id);
    if (refusal) throw forbidden(refusal);
    if (lj.status !== 'requested') throw conflict(alreadyDecided(lj));
    const { count } = await tx.trainLateJoin.updateMany({
      where: { id: lj.id, status: 'requested' },
      data: { status: 'granted', confirmedById: actor.id, decidedAt: clockNow() },
    });
    if (count !== 1) throw conflict(say('lateJoin.race'));
    await audit({
      action: 'train.late_join_grant',
      targetType: 'release',
      targetId: lj.release.id,
      releaseId: lj.release.id,
      before: { lateJoinId: lj.id, status: 'requested' },
      after: {
        lateJoinId: lj.id,
        status: 'granted',
        train: lj.departure.train.name,
        departureAt: iso(lj.departure.departureAt),
        requestedBy: lj.requestedBy.name,
        reason: lj.reason,
      },
    });
    await tellRequester(tx, lj, actor, 'granted');
    return { id: lj.id, releaseKey: releaseKey(lj.release.number), status: 'granted' as const };
  },
});

export const refuseLateJoin = defineMutation({
  name: 'train.late_join_refuse',
  permission: 'freeze.override',
  input: DecideLateJoinSchema,
  async run({ tx, actor, input, audit }) {
    const lj = await lockLateJoin(tx, input.id);
    if (lj.status !== 'requested') throw conflict(alreadyDecided(lj));
    // the requester may withdraw their own request; anyone else refuses it
    const own = actor.id !== null && actor.id === lj.requestedById;
    const status = own ? ('withdrawn' as const) : ('refused' as const);
    const { count } = await tx.trainLateJoin.updateMany({
      where: { id: lj.id, status: 'requested' },
      data: { status, decidedAt: clockNow(), ...(own || actor.type === 'system' ? {} : { confirmedById: actor.id }) },
    });
    if (count !== 1) throw conflict(say('lateJoin.race'));
    await audit({
      action: 'train.late_join_refuse',
      targetType: 'release',
      targetId: lj.release.id,
      releaseId: lj.release.id,
      before: { lateJoinId: lj.id, status: 'requested' },
      after: { lateJoinId: lj.id, status, train: lj.departure.train.name, departureAt: iso(lj.departure.departureAt) },
    });
    if (!own) await tellRequester(tx, lj, actor, 'refused');
    return { id: lj.id, releaseKey: releaseKey(lj.release.number), status };
  },
});

// ---------------------------------------------------------------- reads

export interface TrainSummaryDto {
  id: string;
  slug: string;
  name: string;
  description: string;
  active: boolean;
  cadence: string;
  cutoff: string;
  timezone: string;
  environments: { name: string; displayName: string }[];
  next: { departureAt: string; cutoffAt: string; departureText: string; cutoffText: string; countdown: string; releases: number } | null;
}

const trainInclude = {
  environments: { select: { environment: { select: { id: true, name: true, displayName: true, position: true } } } },
} as const;

type TrainWithEnvs = TrainRow & {
  description: string;
  version: number;
  environments: { environment: { id: string; name: string; displayName: string; position: number } }[];
};

const envsOf = (t: TrainWithEnvs) => t.environments.map((e) => e.environment).sort((a, b) => a.position - b.position);

/** Trains with their next departure (its stored cut-off and seat count, when stored). */
async function summariesOf(client: Db, trains: TrainWithEnvs[], now: Date): Promise<TrainSummaryDto[]> {
  const nexts = trains.map((t) => (t.active ? (upcomingDepartures(cadenceOf(t), t.cutoffMinutes, now, 1)[0] ?? null) : null));
  const wanted = trains.flatMap((t, i) => (nexts[i] ? [{ trainId: t.id, departureAt: nexts[i].departureAt }] : []));
  const stored = wanted.length
    ? await client.trainDeparture.findMany({
        where: { OR: wanted },
        select: { trainId: true, departureAt: true, cutoffAt: true, _count: { select: { seats: true } } },
      })
    : [];
  return trains.map((t, i) => {
    const n = nexts[i];
    const s = n && stored.find((d) => d.trainId === t.id && d.departureAt.getTime() === n.departureAt.getTime());
    const cutoffAt = s?.cutoffAt ?? n?.cutoffAt;
    return {
      id: t.id,
      slug: t.slug,
      name: t.name,
      description: t.description,
      active: t.active,
      cadence: describeCadence(cadenceOf(t)),
      cutoff: describeCutoff(t.cutoffMinutes),
      timezone: t.timezone,
      environments: envsOf(t).map(({ name, displayName }) => ({ name, displayName })),
      next:
        n && cutoffAt
          ? {
              departureAt: iso(n.departureAt),
              cutoffAt: iso(cutoffAt),
              departureText: formatTrainTime(n.departureAt, t.timezone),
              cutoffText: formatTrainTime(cutoffAt, t.timezone),
              countdown: cutoffCountdown(cutoffAt, now).text,
              releases: s?._count.seats ?? 0,
            }
          : null,
    };
  });
}

/** Every train (active first), with its next departure and the countdown to its cut-off. */
export async function listTrains(actor: Actor | null, now = clockNow()): Promise<TrainSummaryDto[]> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const trains = await prisma.train.findMany({ orderBy: [{ active: 'desc' }, { name: 'asc' }], include: trainInclude, take: 200 });
  return summariesOf(prisma, trains, now);
}

export interface DepartureReleaseDto {
  key: string;
  title: string;
  status: string;
  owner: string;
  late: boolean;
  shipped: boolean;
  /** every target environment's deployment gate passes now (null once shipped or departed) */
  ready: boolean | null;
  /** the failing gates, per environment */
  blockers: { environment: string; rule: string; why: string; fix: string | null }[];
}

export interface LateJoinDto {
  id: string;
  releaseKey: string;
  releaseTitle: string;
  reason: string;
  status: 'requested' | 'granted' | 'refused' | 'withdrawn';
  requestedBy: { id: string; name: string };
  decidedBy: string | null;
  createdAt: string;
  /** the viewer may grant it (holds freeze.override and did not ask for it) */
  canGrant: boolean;
  /** the viewer may refuse it (or withdraw it, as its requester) */
  canRefuse: boolean;
}

export interface DepartureDto {
  departureAt: string;
  cutoffAt: string;
  departureText: string;
  cutoffText: string;
  countdown: string;
  countdownMs: number;
  status: DepartureStatus;
  statusLabel: string;
  releases: DepartureReleaseDto[];
  metrics: DepartureMetrics;
  lateJoins: LateJoinDto[];
}

export interface TrainPageDto extends TrainSummaryDto {
  version: number;
  cutoffHours: number;
  rrule: string | null;
  cron: string | null;
  canEdit: boolean;
  upcoming: DepartureDto[];
  past: DepartureDto[];
}

type StoredDeparture = {
  id: string;
  departureAt: Date;
  cutoffAt: Date;
};

/** Deployment gates that say when or by whom, not whether a release is ready to ride a departure. */
const NOT_READINESS = new Set(['deploy.window', 'deploy.in_flight', 'deploy.protected']);

/** The releases, readiness, status, metrics and late joins of stored departures, read in batches. */
async function describeDepartures(
  client: Db,
  actor: Actor,
  train: TrainWithEnvs,
  departures: { departureAt: Date; cutoffAt: Date; stored: StoredDeparture | null }[],
  now: Date,
): Promise<DepartureDto[]> {
  const ids = departures.flatMap((d) => (d.stored ? [d.stored.id] : []));
  const [seats, lateJoins] = ids.length
    ? await Promise.all([
        client.trainSeat.findMany({
          where: { departureId: { in: ids } },
          orderBy: { joinedAt: 'asc' },
          include: {
            release: { select: { id: true, number: true, title: true, status: true, plannedStart: true, plannedEnd: true, owner: { select: { name: true } } } },
          },
        }),
        client.trainLateJoin.findMany({
          where: { departureId: { in: ids } },
          orderBy: { createdAt: 'desc' },
          include: {
            release: { select: { number: true, title: true } },
            requestedBy: { select: { id: true, name: true } },
            confirmedBy: { select: { name: true } },
          },
        }),
      ])
    : [[], []];
  const releaseIds = seats.map((s) => s.releaseId);
  const envs = envsOf(train);
  const envIds = envs.map((e) => e.id);
  const [deployments, transitions, items] = releaseIds.length
    ? await Promise.all([
        client.deployment.findMany({
          where: { releaseId: { in: releaseIds } },
          orderBy: { createdAt: 'asc' },
          select: {
            id: true,
            releaseId: true,
            environmentId: true,
            kind: true,
            status: true,
            startedAt: true,
            finishedAt: true,
            environment: { select: { displayName: true, tier: true } },
          },
        }),
        client.releaseTransition.findMany({
          where: { releaseId: { in: releaseIds } },
          orderBy: { at: 'asc' },
          select: { releaseId: true, fromStatus: true, toStatus: true, at: true },
        }),
        client.packageItem.findMany({
          where: { package: { releaseId: { in: releaseIds } } },
          select: { package: { select: { releaseId: true } }, build: { select: { builtAt: true, createdAt: true } } },
        }),
      ])
    : [[], [], []];
  const facts = new Map<string, DepartureRelease>();
  for (const s of seats) {
    const r = s.release;
    const mine = deployments.filter((d) => d.releaseId === r.id);
    const m = computeReleaseMetrics({
      buildTimes: items.filter((i) => i.package.releaseId === r.id).map((i) => i.build.builtAt ?? i.build.createdAt),
      plannedStart: r.plannedStart,
      plannedEnd: r.plannedEnd,
      deployments: mine.map(metricsDeployment),
      transitions: transitions.filter((t) => t.releaseId === r.id).map((t) => ({ from: t.fromStatus, to: t.toStatus, at: t.at })),
      now,
    });
    const deployedToTargets =
      envIds.length > 0 && envIds.every((e) => mine.some((d) => d.environmentId === e && d.kind === 'deploy' && d.status === 'succeeded'));
    facts.set(r.id, { status: r.status, deployedToTargets, failedDeployments: m.failedDeployments, backouts: m.backouts, leadTimeMs: m.leadTime.ms });
  }
  // readiness: the deployment gate of every target environment, for releases still to ship on
  // departures that have not left (one transaction; the gates read a fixed number of rows each).
  // It is the release's readiness to ride this departure, so the gates are judged at the
  // departure's time and for nobody in particular (who may deploy to a protected environment is
  // operations' business, not the release's). Left out: whether that instant is inside the
  // release's own window (its schedule says when it deploys), and the promotion order between
  // the train's own environments (the train deploys to them in turn), and a deployment already
  // booked (it is on its way, not blocked); a release missing an environment before the
  // train's first one is not ready.
  const readiness = new Map<string, DepartureReleaseDto['blockers']>();
  const toJudge = seats.filter((s) => {
    const d = departures.find((x) => x.stored?.id === s.departureId);
    return d && d.departureAt.getTime() > now.getTime() && !releaseShipped(facts.get(s.releaseId)!) && envIds.length > 0;
  });
  if (toJudge.length) {
    await client.$transaction(async (tx) => {
      for (const s of toJudge) {
        const at = departures.find((x) => x.stored?.id === s.departureId)!.departureAt;
        const gates = await deploymentGates(tx, s.releaseId, envIds, at);
        readiness.set(
          s.releaseId,
          gates.flatMap((g) =>
            g.gates
              .filter((x) => !x.passed && !NOT_READINESS.has(x.rule) && !(x.rule === 'deploy.promotion' && g.environment !== envs[0]?.name))
              .map((x) => ({ environment: g.environment, rule: x.rule, why: x.why, fix: x.fix ?? null })),
          ),
        );
      }
    });
  }
  const mayGrant = allows(actor, 'freeze.override');
  return departures.map((d) => {
    const mySeats = d.stored ? seats.filter((s) => s.departureId === d.stored!.id) : [];
    const rel = mySeats.map((s) => facts.get(s.releaseId)!);
    const status = departureStatus(d, rel, now);
    const countdown = cutoffCountdown(d.cutoffAt, now);
    return {
      departureAt: iso(d.departureAt),
      cutoffAt: iso(d.cutoffAt),
      departureText: formatTrainTime(d.departureAt, train.timezone),
      cutoffText: formatTrainTime(d.cutoffAt, train.timezone),
      countdown: countdown.text,
      countdownMs: countdown.ms,
      status,
      statusLabel: DEPARTURE_STATUS_LABELS[status],
      releases: mySeats.map((s) => {
        const f = facts.get(s.releaseId)!;
        const blockers = readiness.get(s.releaseId);
        return {
          key: releaseKey(s.release.number),
          title: s.release.title,
          status: s.release.status,
          owner: s.release.owner.name,
          late: s.late,
          shipped: releaseShipped(f),
          ready: blockers ? blockers.length === 0 : null,
          blockers: blockers ?? [],
        };
      }),
      metrics: departureMetrics(rel),
      lateJoins: (d.stored ? lateJoins.filter((l) => l.departureId === d.stored!.id) : []).map((l) => ({
        id: l.id,
        releaseKey: releaseKey(l.release.number),
        releaseTitle: l.release.title,
        reason: l.reason,
        status: l.status,
        requestedBy: l.requestedBy,
        decidedBy: l.status === 'withdrawn' ? l.requestedBy.name : (l.confirmedBy?.name ?? null),
        createdAt: iso(l.createdAt),
        canGrant: l.status === 'requested' && mayGrant && actor.id !== l.requestedById,
        canRefuse: l.status === 'requested' && (mayGrant || actor.id === l.requestedById),
      })),
    };
  });
}

/** A train's page: its next departures (computed, with what is stored on them) and its recent past ones. */
export async function getTrainPage(actor: Actor | null, slug: string, now = clockNow(), upcomingCount = 4): Promise<TrainPageDto | null> {
  assertCan(actor, 'release.read');
  if (typeof slug !== 'string' || !/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const prisma = await db();
  const train = await prisma.train.findUnique({ where: { slug }, include: trainInclude });
  if (!train) return null;
  const computed = train.active ? upcomingDepartures(cadenceOf(train), train.cutoffMinutes, now, upcomingCount) : [];
  const storedAhead = await prisma.trainDeparture.findMany({
    where: { trainId: train.id, departureAt: { gt: now } },
    orderBy: { departureAt: 'asc' },
    take: 50,
  });
  const storedPast = await prisma.trainDeparture.findMany({
    where: { trainId: train.id, departureAt: { lte: now } },
    orderBy: { departureAt: 'desc' },
    take: 6,
  });
  // upcoming: the computed ones plus stored ones off the (edited) cadence, by time
  const byTime = new Map<number, { departureAt: Date; cutoffAt: Date; stored: StoredDeparture | null }>();
  for (const c of computed) byTime.set(c.departureAt.getTime(), { ...c, stored: null });
  for (const s of storedAhead) byTime.set(s.departureAt.getTime(), { departureAt: s.departureAt, cutoffAt: s.cutoffAt, stored: s });
  const upcoming = [...byTime.values()].sort((a, b) => a.departureAt.getTime() - b.departureAt.getTime());
  const past = storedPast.map((s) => ({ departureAt: s.departureAt, cutoffAt: s.cutoffAt, stored: s }));
  const [up, gone] = [await describeDepartures(prisma, actor, train, upcoming, now), await describeDepartures(prisma, actor, train, past, now)];
  const [summary] = await summariesOf(prisma, [train], now);
  return {
    ...summary!,
    version: train.version,
    cutoffHours: train.cutoffMinutes / 60,
    rrule: train.rrule,
    cron: train.cron,
    canEdit: allows(actor, 'train.write'),
    upcoming: up,
    past: gone.filter((d) => d.releases.length > 0 || d.lateJoins.length > 0),
  };
}

/** The train as edit-form values, or null. */
export async function getTrainForEdit(actor: Actor | null, slug: string) {
  assertCan(actor, 'train.write');
  if (typeof slug !== 'string' || !/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const prisma = await db();
  const t = await prisma.train.findUnique({ where: { slug }, include: trainInclude });
  if (!t) return null;
  return {
    id: t.id,
    slug: t.slug,
    version: t.version,
    name: t.name,
    description: t.description,
    rrule: t.rrule ?? '',
    cron: t.cron ?? '',
    timezone: t.timezone,
    cutoffHours: String(t.cutoffMinutes / 60),
    environments: envsOf(t).map((e) => e.name),
    active: t.active,
  };
}

/** Every environment by name, for the train form. */
export async function trainEnvironmentChoices(actor: Actor | null): Promise<{ name: string; displayName: string }[]> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  return prisma.environment.findMany({ orderBy: { position: 'asc' }, select: { name: true, displayName: true } });
}

// ---------------------------------------------------------------- the release's panel

export interface ReleaseTrainPanelDto {
  releaseKey: string;
  /** the signed-in person manages the release (may join and leave) */
  canManage: boolean;
  /** the release may still join a train (its windows may be planned) */
  open: boolean;
  seat: {
    trainName: string;
    slug: string;
    departureAt: string;
    departureText: string;
    cutoffText: string;
    countdown: string;
    late: boolean;
    departed: boolean;
  } | null;
  /** the next departures of every active train, each open (before its cut-off) or not */
  choices: {
    trainId: string;
    trainName: string;
    departures: { departureAt: string; departureText: string; cutoffText: string; open: boolean; lateJoin: 'requested' | 'granted' | null }[];
  }[];
  lateJoins: { id: string; trainName: string; departureText: string; status: string; requestedBy: string; decidedBy: string | null; reason: string }[];
}

/** What the release page shows about trains: the departure it is on, or those it could join. */
export async function getReleaseTrainPanel(actor: Actor | null, release: ReleaseArg, now = clockNow()): Promise<ReleaseTrainPanelDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const [row, management] = await Promise.all([
    prisma.release.findUnique({
      where: { id: ref.id },
      select: {
        status: true,
        trainSeat: { include: { departure: { include: { train: { select: { name: true, slug: true, timezone: true } } } } } },
        lateJoins: {
          orderBy: { createdAt: 'desc' },
          take: 10,
          include: {
            departure: { include: { train: { select: { name: true, timezone: true } } } },
            requestedBy: { select: { name: true } },
            confirmedBy: { select: { name: true } },
          },
        },
      },
    }),
    releaseManagement(actor, ref.id),
  ]);
  if (!row) return null;
  const seat = row.trainSeat;
  const open = allowsValue(row.status, 'planWindows');
  let choices: ReleaseTrainPanelDto['choices'] = [];
  if (!seat && open) {
    const trains = await prisma.train.findMany({ where: { active: true }, orderBy: { name: 'asc' }, take: 50 });
    const live = row.lateJoins.filter((l) => l.status === 'requested' || l.status === 'granted');
    choices = trains.map((t) => ({
      trainId: t.id,
      trainName: t.name,
      departures: upcomingDepartures(cadenceOf(t), t.cutoffMinutes, now, 3).map((d) => {
        const lj = live.find((l) => l.departure.trainId === t.id && l.departure.departureAt.getTime() === d.departureAt.getTime());
        const cutoffAt = lj?.departure.cutoffAt ?? d.cutoffAt;
        return {
          departureAt: iso(d.departureAt),
          departureText: formatTrainTime(d.departureAt, t.timezone),
          cutoffText: formatTrainTime(cutoffAt, t.timezone),
          open: cutoffAt.getTime() > now.getTime(),
          lateJoin: (lj?.status as 'requested' | 'granted' | undefined) ?? null,
        };
      }),
    }));
  }
  return {
    releaseKey: ref.key,
    canManage: !!management?.mayManage,
    open,
    seat: seat
      ? {
          trainName: seat.departure.train.name,
          slug: seat.departure.train.slug,
          departureAt: iso(seat.departure.departureAt),
          departureText: formatTrainTime(seat.departure.departureAt, seat.departure.train.timezone),
          cutoffText: formatTrainTime(seat.departure.cutoffAt, seat.departure.train.timezone),
          countdown: cutoffCountdown(seat.departure.cutoffAt, now).text,
          late: seat.late,
          departed: seat.departure.departureAt.getTime() <= now.getTime(),
        }
      : null,
    choices,
    lateJoins: row.lateJoins.map((l) => ({
      id: l.id,
      trainName: l.departure.train.name,
      departureText: formatTrainTime(l.departure.departureAt, l.departure.train.timezone),
      status: l.status,
      requestedBy: l.requestedBy.name,
      decidedBy: l.status === 'withdrawn' ? l.requestedBy.name : (l.confirmedBy?.name ?? null),
      reason: l.reason,
    })),
  };
}

// ---------------------------------------------------------------- for other views

export interface DepartureWindow {
  trainId: string;
  trainName: string;
  trainSlug: string;
  departureAt: string;
  cutoffAt: string;
  releaseIds: string[];
}

/**
 * Every departure of every active train in [from, to) (computed from the cadences, with the
 * releases stored on them), plus stored departures in the period of trains retired or edited
 * since. For the portfolio timeline, which groups releases by train. At most `limit`.
 */
export async function listDeparturesBetween(actor: Actor | null, from: Date, to: Date, limit = 1000): Promise<DepartureWindow[]> {
  assertCan(actor, 'release.read');
  if (!(to.getTime() > from.getTime())) return [];
  const prisma = await db();
  const [trains, stored] = await Promise.all([
    prisma.train.findMany({
      where: { active: true },
      select: { id: true, name: true, slug: true, rrule: true, cron: true, timezone: true, cutoffMinutes: true },
      take: 200,
    }),
    prisma.trainDeparture.findMany({
      where: { departureAt: { gte: from, lt: to } },
      select: { trainId: true, departureAt: true, cutoffAt: true, train: { select: { name: true, slug: true } }, seats: { select: { releaseId: true } } },
      take: limit,
    }),
  ]);
  const out = new Map<string, DepartureWindow>();
  const keyOf = (trainId: string, at: Date) => `${trainId}@${at.getTime()}`;
  for (const t of trains) {
    for (const d of departuresBetween(cadenceOf(t), t.cutoffMinutes, from, to, limit)) {
      out.set(keyOf(t.id, d.departureAt), {
        trainId: t.id,
        trainName: t.name,
        trainSlug: t.slug,
        departureAt: iso(d.departureAt),
        cutoffAt: iso(d.cutoffAt),
        releaseIds: [],
      });
    }
  }
  for (const s of stored) {
    out.set(keyOf(s.trainId, s.departureAt), {
      trainId: s.trainId,
      trainName: s.train.name,
      trainSlug: s.train.slug,
      departureAt: iso(s.departureAt),
      cutoffAt: iso(s.cutoffAt),
      releaseIds: s.seats.map((x) => x.releaseId),
    });
  }
  return [...out.values()].sort((a, b) => a.departureAt.localeCompare(b.departureAt) || a.trainName.localeCompare(b.trainName)).slice(0, limit);
}
