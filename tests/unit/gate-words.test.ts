import fc from 'fast-check';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { evaluateDeploymentGate, type DeploymentGateFacts } from '@/lib/domain/deployment-gate';
import { ENGLISH, formatWords, listWords, type WordsTranslators } from '@/lib/domain/gate-words';
import {
  evaluateTransition,
  RELEASE_STATUSES,
  RELEASE_TYPES,
  refusalMessage,
  refusalWords,
  TRANSITIONS,
  type ReleaseFacts,
  type ReleaseStatus,
} from '@/lib/domain/lifecycle';
import type { GateResult, MessageRef, MessageValue } from '@/lib/domain/result';
import { deriveRequirements, evaluateQuorum, type RequirementSpec } from '@/lib/domain/approvals';
import { PolicyDocumentSchema } from '@/lib/domain/policy';
import { countdownMessage, countdownWords } from '@/lib/domain/gate-view';
import { RELEASE_RULES, refusalFor, refusalWords as statusRefusalWords, type RefusableRule } from '@/lib/domain/release-rules';
import { checkSchedule, type ScheduleInput } from '@/lib/domain/scheduling';
import { joinDecision } from '@/lib/domain/trains';
import { CATALOGUES } from '@/messages';
import { policyDocument, rule } from '../support/policy';

// Every gate the domain produces carries `words` (docs/decisions/058-words-from-the-domain.md):
// keys of the `gates` catalogue (and words of `statuses`) that exist in English and French, whose
// English formatting is exactly the gate's `why` and `fix`, the sentences the API returns.

function translators(locale: 'en' | 'fr'): WordsTranslators {
  const strict = (namespace: 'gates' | 'statuses') => {
    const create = createTranslator as unknown as (config: object) => (key: string, values?: Record<string, string | number>) => string;
    const t = create({
      locale,
      namespace,
      messages: { [namespace]: CATALOGUES[namespace][locale] },
      timeZone: 'UTC',
      onError: (e: Error) => {
        throw new Error(`${locale} ${namespace}: ${e.message}`);
      },
    });
    return (key: string, values?: Record<string, string | number>) => t(key, values);
  };
  return { locale, gates: strict('gates'), statuses: strict('statuses') };
}
const FR = translators('fr');
const EN_STRICT = translators('en');

function refs(v: MessageValue | MessageRef, out: string[] = []): string[] {
  if (typeof v === 'string' || typeof v === 'number') return out;
  if ('term' in v) out.push(`statuses.${v.term}`);
  else if ('list' in v) v.list.forEach((i) => refs(i, out));
  else {
    out.push(`gates.${v.key}`);
    Object.values(v.values ?? {}).forEach((i) => refs(i, out));
  }
  return out;
}

const used = new Set<string>();

/** The gate says in words what it says in English, and says it in French too. */
function expectWords(g: GateResult) {
  expect(g.words, `${g.rule}: ${g.why}`).toBeDefined();
  const w = g.words!;
  for (const key of [...refs(w.why), ...(w.fix ? refs(w.fix) : [])]) used.add(key);
  expect(formatWords(w.why, EN_STRICT)).toBe(g.why);
  expect(formatWords(w.why, ENGLISH)).toBe(g.why);
  if (w.fix) expect(formatWords(w.fix, EN_STRICT)).toBe(g.fix);
  else expect(g.fix ?? '').toBe('');
  const fr = [formatWords(w.why, FR), ...(w.fix ? [formatWords(w.fix, FR)] : [])];
  for (const text of fr) {
    expect(text.trim()).not.toBe('');
    expect(text).not.toMatch(/\bgates\.|\bstatuses\./);
  }
}

const str = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    'Run smoke tests',
    'package integrity: changed',
    'outside the scheduled window',
    'Freeze X covers prod.',
    'no scheduled window',
    'the release does not target prod',
    'outside the maintenance windows of prod',
  ),
  fc.string({ maxLength: 6 }),
);
const strs: fc.Arbitrary<string[]> = fc.oneof(
  fc.constant([]).map(() => []),
  fc.array(str, { minLength: 1, maxLength: 7 }),
);
const check = fc.option(
  fc.record({ ok: fc.boolean(), problems: strs, remedies: fc.option(fc.subarray(['freeze_override', 'acknowledge', 'reseal'] as const), { nil: undefined }) }),
  { nil: undefined },
);
const releaseFacts: fc.Arbitrary<ReleaseFacts> = fc.record({
  key: fc.constant('REL-9'),
  status: fc.constantFrom(...RELEASE_STATUSES),
  type: fc.constantFrom(...RELEASE_TYPES),
  package: fc.option(
    fc.record({
      hasPackage: fc.boolean(),
      itemCount: fc.nat(3),
      sealed: fc.boolean(),
      sealedDigest: fc.option(fc.constantFrom('0123456789abcdef0123')),
      integrity: fc.record({ ok: fc.boolean(), problems: strs }),
      compatibility: fc.record({ ok: fc.boolean(), problems: strs }),
    }),
  ),
  risks: fc.option(fc.record({ riskCount: fc.nat(3), openRisks: fc.nat(3), noKnownRisks: fc.boolean(), assessed: fc.boolean() })),
  plan: fc.option(fc.record({ taskCount: fc.nat(4), tasksWithoutOwner: strs })),
  approvals: fc.option(
    fc.record({
      quorumMet: fc.boolean(),
      missing: strs,
      rejectedBy: strs,
      feasibility: check,
      standardChange: fc.option(fc.record({ preApproved: fc.option(str), notPreApproved: fc.option(str) })),
    }),
  ),
  schedule: check,
  deployWindow: check,
  deployment: fc.option(fc.record({ succeeded: fc.boolean(), rolledBack: fc.boolean(), problems: strs })),
  backout: fc.option(fc.record({ required: fc.boolean(), present: fc.boolean(), complete: fc.boolean(), problems: strs })),
  handover: fc.option(fc.record({ prepared: fc.boolean(), acknowledged: fc.boolean() })),
  review: fc.option(fc.record({ required: fc.boolean(), done: fc.boolean() })),
});

function expectRefusal(e: ReturnType<typeof evaluateTransition>) {
  const w = refusalWords('REL-9', e);
  refs(w).forEach((k) => used.add(k));
  expect(formatWords(w, EN_STRICT)).toBe(refusalMessage('REL-9', e));
  expect(formatWords(w, FR)).toMatch(/^REL-9 ne peut pas être /);
}

const SEALED = {
  hasPackage: true,
  itemCount: 2,
  sealed: true,
  sealedDigest: 'abcdef0123456789',
  integrity: { ok: true, problems: [] },
  compatibility: { ok: true, problems: [] },
};

describe('lifecycle gates', () => {
  it('word the rare cases too', () => {
    const base: ReleaseFacts = { key: 'REL-9', status: 'draft', type: 'major' };
    const cases: [ReleaseFacts, ReleaseStatus][] = [
      [{ ...base, status: 'closed' }, 'cancelled'],
      [{ ...base, package: { ...SEALED, integrity: { ok: false, problems: [] } } }, 'submitted'],
      [{ ...base, backout: { required: true, present: true, complete: false, problems: [] } }, 'submitted'],
      [{ ...base, status: 'scheduled', deployWindow: { ok: false, problems: ['Freeze X covers prod'] } }, 'deploying'],
      [{ ...base, status: 'scheduled', deployWindow: { ok: false, problems: ['package integrity: changed'] } }, 'deploying'],
      [{ ...base, status: 'scheduled', deployWindow: { ok: false, problems: [], remedies: [] } }, 'deploying'],
      [{ ...base, status: 'deploying' }, 'rolled_back'],
      [{ ...base, status: 'in_review', handover: { prepared: true, acknowledged: true }, review: { required: true, done: true } }, 'closed'],
    ];
    for (const [f, to] of cases) {
      const e = evaluateTransition(f, to, { transition: true });
      e.gates.forEach(expectWords);
      expectRefusal(e);
    }
  });

  // mostly steps of the graph, so that the gates of each target are reached; now and then any
  const edges = RELEASE_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => [from, to] as [ReleaseStatus, ReleaseStatus]));
  const gated: [ReleaseStatus, ReleaseStatus][] = [
    ['draft', 'submitted'],
    ['submitted', 'approved'],
    ['submitted', 'rejected'],
    ['approved', 'scheduled'],
    ['scheduled', 'deploying'],
  ];
  const step = fc.oneof(
    { arbitrary: fc.constantFrom(...gated), weight: 6 },
    { arbitrary: fc.constantFrom(...edges), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom(...RELEASE_STATUSES), fc.constantFrom(...RELEASE_STATUSES)), weight: 1 },
  );
  const actor = fc.oneof({ arbitrary: fc.constant({ transition: true }), weight: 4 }, fc.record({ transition: fc.boolean(), notManagedBy: fc.option(str) }));

  it('carry words whose English is their why and fix, in both languages', () => {
    fc.assert(
      fc.property(releaseFacts, actor, step, (facts, a, [from, to]) => {
        const e = evaluateTransition({ ...facts, status: from }, to, a);
        e.gates.forEach(expectWords);
        expectRefusal(e);
      }),
      // seeded: the catalogue test below counts on the sentences these runs reach
      { numRuns: 400, seed: 58 },
    );
  });
});

const team = fc.record({ id: fc.constantFrom('t1', 't2'), name: str });
const deploymentFacts: fc.Arbitrary<DeploymentGateFacts> = fc.record({
  releaseStatus: fc.oneof(fc.constantFrom(...RELEASE_STATUSES), fc.constant('some_odd_status')),
  environment: fc.record({ name: str, position: fc.nat(3), tier: fc.constantFrom('staging', 'production') }),
  window: fc.record({ ok: fc.boolean(), problems: strs }),
  integrity: fc.record({ ok: fc.boolean(), problems: strs }),
  promotion: fc.record({ earlierEnvironments: fc.array(fc.record({ name: str, succeeded: fc.boolean() }), { maxLength: 4 }) }),
  alreadyRunning: fc.option(fc.boolean(), { nil: undefined }),
  testEvidence: fc.option(
    fc.record({ required: fc.boolean(), releaseType: fc.constantFrom(...RELEASE_TYPES, 'odd'), earlierEnvironments: strs, passed: strs, failed: strs }),
    { nil: undefined },
  ),
  protection: fc.option(
    fc.record({
      roles: fc.subarray(['admin', 'release_manager', 'approver', 'operations', 'viewer']),
      teams: fc.array(team, { maxLength: 3 }),
      deployer: fc.record({ name: str, roles: fc.subarray(['admin', 'release_manager', 'operations']), team: fc.option(team) }),
    }),
    { nil: undefined },
  ),
});

describe('deployment gates', () => {
  it('carry words whose English is their why and fix, in both languages', () => {
    fc.assert(
      fc.property(deploymentFacts, (f) => evaluateDeploymentGate(f).gates.forEach(expectWords)),
      { numRuns: 300, seed: 58 },
    );
  });
});

// scheduling: windows of three environments against other releases, freezes, maintenance and acknowledgements
const H = 3_600_000;
const BASE = Date.UTC(2026, 11, 1);
const arbInterval = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 8 }))
  .map(([s, d]) => ({ start: new Date(BASE + s * H), end: new Date(BASE + (s + d) * H) }));
const ENVS = [
  { environmentId: 'e-stg', environmentName: 'staging', tier: 'staging', position: 2 },
  { environmentId: 'e-prod', environmentName: 'production', tier: 'production', position: 3 },
  { environmentId: 'e-uat', environmentName: 'uat', tier: 'test', position: 1 },
];
const COMPS = ['c-billing', 'c-web', 'c-auth'];
const arbOther = fc.record({
  owner: fc.constantFrom('u-priya', 'u-sam'),
  status: fc.constantFrom('approved', 'scheduled', 'deploying', 'draft'),
  components: fc.subarray(COMPS),
  windows: fc.array(fc.tuple(fc.constantFrom(...ENVS), arbInterval), { maxLength: 3 }),
});
const arbInput = fc
  .record({
    components: fc.subarray(COMPS),
    mine: fc.array(fc.tuple(fc.constantFrom(...ENVS), fc.option(arbInterval)), { maxLength: 3 }),
    others: fc.array(arbOther, { maxLength: 4 }),
    ackable: fc.subarray(['environment', 'component', 'owner'] as const),
    acks: fc.array(fc.tuple(fc.constantFrom('environment', 'component', 'owner'), fc.nat(3), fc.constantFrom(...ENVS), fc.constantFrom(...COMPS)), {
      maxLength: 6,
    }),
    emergency: fc.boolean(),
    freeze: fc.option(arbInterval),
    maint: fc.boolean(),
  })
  .map(({ components, mine, others, ackable, acks, emergency, freeze, maint }) => {
    const seen = new Set<string>();
    const windows = mine
      .filter(([e]) => !seen.has(e.environmentId) && seen.add(e.environmentId))
      .map(([e, i]) => ({ ...e, start: i?.start ?? null, end: i?.end ?? null }));
    const input: ScheduleInput = {
      release: { id: 'r1', key: 'REL-10', emergency, ownerId: 'u-priya', ownerName: 'Priya', componentIds: components, windows },
      maintenance: maint
        ? {
            'e-prod': [
              {
                label: 'Weekdays',
                recurrence: { kind: 'recurring', rrule: 'FREQ=WEEKLY;BYDAY=TU,WE,TH;BYHOUR=9;BYMINUTE=0', durationMinutes: 480, timezone: 'UTC' },
              },
            ],
          }
        : {},
      freezes: freeze
        ? [
            {
              id: 'f1',
              name: 'Year-end',
              reason: 'Peak',
              recurrence: { kind: 'one_off', startsAt: freeze.start, endsAt: freeze.end },
              environmentIds: [],
              componentIds: [],
              active: true,
            },
          ]
        : [],
      overrides: [],
      others: others.map((o, i) => ({
        id: `o${i}`,
        key: `REL-${100 + i}`,
        ownerId: o.owner,
        ownerName: o.owner,
        status: o.status,
        componentIds: o.components,
        windows: o.windows.map(([e, w]) => ({ environmentId: e.environmentId, environmentName: e.environmentName, ...w })),
      })),
      acknowledgements: acks.map(([kind, i, e, c]) => ({ otherReleaseId: `o${i}`, kind, environmentId: e.environmentId, componentId: c })),
      policy: { acknowledgeable: ackable, respectMaintenanceWindows: true, productionRequiresStagingSuccess: true },
      componentNames: { 'c-billing': 'billing-api', 'c-web': 'web' },
      timezone: 'UTC',
      now: new Date(BASE + 5 * H),
    };
    return input;
  });

describe('scheduling gates', () => {
  it('carry words whose English is their why and fix, in both languages', () => {
    fc.assert(
      fc.property(arbInput, (input) => checkSchedule(input).gates.forEach(expectWords)),
      { numRuns: 300, seed: 58 },
    );
  });
});

// approvals: requirements of every level and type, approvals stale, expired, invalidated or excluded
const policy = PolicyDocumentSchema.parse(policyDocument({ cab: ['cab@x.test'], byReleaseType: { major: [rule('approver')] } }));
const parties = { key: 'REL-12', ownerId: 'owner', requesterId: 'req', buildAuthorIds: ['author'], buildAuthorEmails: ['pipeline-dev@x.test'] };
const NOW = new Date('2026-11-23T12:00:00Z');
const D = 'a'.repeat(64);
const ids = ['owner', 'req', 'author', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const arbApproval = fc.record({
  p: fc.record({
    id: fc.constantFrom(...ids),
    roles: fc.subarray(['approver', 'operations', 'admin', 'viewer'], { minLength: 1 }),
    teamSlug: fc.constantFrom('red', 'blue', null),
    cab: fc.boolean(),
  }),
  stale: fc.boolean(),
  expired: fc.boolean(),
  invalidated: fc.boolean(),
  offset: fc.integer({ min: 0, max: 10_000 }),
});
const arbReqs = fc.constantFrom(
  [] as RequirementSpec[],
  ...(['low', 'medium', 'high', 'critical'] as const).flatMap((level) =>
    (['normal', 'major', 'emergency'] as const).map((type) => deriveRequirements(policy, { level, type })),
  ),
);
describe('approval gates', () => {
  it('carry words whose English is their why and fix, in both languages', () => {
    fc.assert(
      fc.property(arbReqs, fc.array(arbApproval, { maxLength: 10 }), fc.constantFrom(D, null), (reqs, raw, digest) => {
        const approvals = raw.map((x, i) => ({
          id: `a${i}`,
          approver: { id: x.p.id, email: x.p.cab ? 'cab@x.test' : `${x.p.id}@x.test`, roles: x.p.roles, teamSlug: x.p.teamSlug },
          decision: 'approve' as const,
          digest: x.stale ? 'b'.repeat(64) : D,
          createdAt: new Date(NOW.getTime() - 3_600_000 + x.offset),
          expiresAt: x.expired ? new Date(NOW.getTime() - 1) : new Date(NOW.getTime() + 1000),
          invalidatedAt: x.invalidated ? NOW : null,
          confirmation: x.p.roles.includes('admin') && i % 2 === 0,
        }));
        evaluateQuorum(reqs, approvals, digest, NOW, policy, parties).gates.forEach(expectWords);
      }),
      { numRuns: 300, seed: 58 },
    );
  });
});

describe('train gates', () => {
  it('carry words whose English is their why and fix, in both languages', () => {
    const at = (iso: string) => new Date(iso);
    const base = {
      trainName: 'Weekly web train',
      trainActive: true,
      releaseKey: 'REL-7',
      releaseStatus: 'approved',
      departure: { departureAt: at('2026-06-16T09:00:00Z'), cutoffAt: at('2026-06-15T09:00:00Z') },
      departureText: 'Tue 16 Jun 2026 10:00 Europe/London',
      cutoffText: 'Mon 15 Jun 2026 10:00 Europe/London',
      cutoffMinutes: 1440,
      now: at('2026-06-14T09:00:00Z'),
      lateJoinGranted: false,
    };
    const refusals = [
      { ...base, trainActive: false },
      { ...base, releaseStatus: 'handed_over' },
      { ...base, releaseStatus: 'some_odd_status' },
      { ...base, now: at('2026-06-16T09:00:00Z') },
      { ...base, now: at('2026-06-15T10:00:00Z') },
    ].map(joinDecision);
    for (const r of refusals) {
      expect(r.ok).toBe(false);
      if (!r.ok) expectWords(r.gate);
    }
    const closed = joinDecision({ ...base, releaseStatus: 'handed_over' });
    if (!closed.ok) expect(closed.gate.why).toMatch(/^REL-7 is handed over: only/);
  });
});

describe('status refusals', () => {
  it('say refusalFor in English, for every status and rule, and in French', () => {
    const rules = RELEASE_RULES.filter((r): r is RefusableRule => !['occupyWindow', 'followPolicy', 'finished'].includes(r));
    for (const status of RELEASE_STATUSES) {
      for (const rule of rules) {
        const ref = statusRefusalWords('REL-3', status, rule);
        refs(ref).forEach((k) => used.add(k));
        expect(formatWords(ref, EN_STRICT)).toBe(refusalFor('REL-3', status, rule));
        expect(formatWords(ref, FR)).toMatch(/^REL-3 est /);
      }
    }
    expect(formatWords(statusRefusalWords('REL-3', 'deployed', 'editPackage'), FR)).toBe(
      'REL-3 est déployée\u00a0: son paquet ne peut être modifié directement que tant que la mise en production est brouillon ou rejetée.',
    );
  });
});

describe('countdowns', () => {
  it('say in English what countdownWords always said, and count down in French', () => {
    const old = (ms: number): string => {
      if (!(ms > 0)) return 'now';
      const minutes = Math.ceil(ms / 60_000);
      if (ms < 60_000) return 'less than a minute';
      const days = Math.floor(minutes / 1440);
      const hours = Math.floor((minutes % 1440) / 60);
      const mins = minutes % 60;
      if (days > 0) return [`${days} day${days === 1 ? '' : 's'}`, hours ? `${hours} h` : ''].filter(Boolean).join(' ');
      if (hours > 0) return [`${hours} h`, mins ? `${mins} min` : ''].filter(Boolean).join(' ');
      return `${mins} min`;
    };
    const M = 60_000;
    for (const ms of [-5, 0, 1, 59_999, M, 14 * M, 60 * M, 61 * M, 134 * M, 1440 * M, 1441 * M, 1500 * M, 2 * 1440 * M + 180 * M, 9 * 1440 * M]) {
      const ref = countdownMessage(ms);
      refs(ref).forEach((k) => used.add(k));
      expect(countdownWords(ms)).toBe(old(ms));
      expect(formatWords(ref, EN_STRICT)).toBe(old(ms));
    }
    expect(formatWords(countdownMessage(2 * 1440 * M + 180 * M), FR)).toBe('2 jours 3 h');
  });
});

describe('lists', () => {
  it('stay in English as Relm always wrote them, and follow French in French', () => {
    const en = (items: string[], max?: number, c?: 'and' | 'or') =>
      formatWords({ key: 'problems', values: { problems: { list: items, max, conjunction: c } } }, EN_STRICT);
    for (const items of [[], ['a'], ['a', 'b'], ['a', ' ', 'c'], ['a', 'b', 'c', 'd', 'e', 'f', 'g']]) {
      expect(en(items)).toBe(`${listWords(items)}.`);
      expect(en(items, 2, 'or')).toBe(`${listWords(items, 2, 'or')}.`);
    }
    const fr = (items: string[], max?: number, c?: 'and' | 'or' | 'semicolon') =>
      formatWords({ key: 'problems', values: { problems: { list: items, max, conjunction: c } } }, FR);
    expect(fr(['a', 'b', 'c'])).toBe('a, b et c.');
    expect(fr(['a', 'b'], 5, 'or')).toBe('a ou b.');
    expect(fr(['a', 'b', 'c'], 2)).toBe('a, b et 1 de plus.');
    expect(fr(['a', 'b', 'c'], 2, 'semicolon')).toBe('a\u202f; b\u202f; et 1 de plus.');
  });
});

describe('the gates catalogue', () => {
  it('has no sentence that no gate uses', () => {
    const leaves = (o: object, prefix: string): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}.${k}`] : leaves(v as object, `${prefix}.${k}`)));
    // the helpers of list formatting and the list's own words are not gates
    const helpers = /^gates\.(list\.|view\.)/;
    const unused = leaves(CATALOGUES.gates.en, 'gates').filter((k) => !used.has(k) && !helpers.test(k));
    expect(unused).toEqual([]);
  });
});
