import 'server-only';
import { z } from 'zod';
import { RELEASE_STATUSES, RELEASE_TYPES } from '@/lib/domain/lifecycle';
import { RISK_STATUSES } from '@/lib/domain/statuses';
import { ID_PATTERN, SLUG_PATTERN, STATUS_FILTER_VALUES } from './releases';
import { RISK_LEVELS } from '@/lib/domain/policy-names';
import { VERSION_PATTERN, WORK_ITEM_PATTERN } from '@/lib/domain/release-filters';
import { sayer, type SayValue } from './say';

const say = sayer('server-api-schemas');
/** A message said when the check fails (so one with values is fresh for the request that reads it). */
const saying = (key: string, values?: Record<string, SayValue>) => ({ error: () => say(key, values) });

// Zod schemas of the v1 API that are not a mutation's input: query parameters
// (validated by the route handlers) and response shapes (used by the OpenAPI
// document). Request bodies use the mutations' own schemas.

export const API_PAGE_SIZE_DEFAULT = 25;
export const API_PAGE_SIZE_MAX = 100;

const listOf = (v: unknown) => {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list
    .flatMap((x) => (typeof x === 'string' ? x.split(',') : [x]))
    .map((x) => (typeof x === 'string' ? x.trim() : x))
    .filter((x) => x !== '');
};

/** GET /api/v1/releases query parameters. Unlike the page's filters, bad values are refused, not ignored. */
export const ReleaseListQuerySchema = z
  .object({
    status: z
      .preprocess(listOf, z.array(z.enum(STATUS_FILTER_VALUES, saying('useOneOf', { values: STATUS_FILTER_VALUES.join(', ') }))).max(20))
      .optional()
      .meta({ description: 'Filter by status; repeat the parameter or separate with commas. "active" means every status except closed and cancelled.' }),
    environment: z
      .string()
      .regex(SLUG_PATTERN, say('environmentName'))
      .optional()
      .meta({ description: 'Only releases targeting this environment (its name, e.g. "production").' }),
    owner: z.string().regex(ID_PATTERN, say('ownerId')).optional().meta({ description: 'Only releases owned by this user id.' }),
    component: z
      .string()
      .regex(SLUG_PATTERN, say('componentName'))
      .optional()
      .meta({ description: 'Only releases whose package holds this component (its name, e.g. "billing-api").' }),
    version: z
      .string()
      .regex(VERSION_PATTERN, say('version'))
      .optional()
      .meta({ description: 'Only releases whose package holds a build of this version (of `component`, when given).' }),
    workItem: z
      .string()
      .regex(WORK_ITEM_PATTERN, say('workItem'))
      .optional()
      .meta({ description: 'Only releases whose package holds a build listing this work item key.' }),
    team: z.string().regex(SLUG_PATTERN, say('teamSlug')).optional().meta({ description: 'Only releases whose owner belongs to this team (its slug).' }),
    type: z
      .preprocess(listOf, z.array(z.enum(RELEASE_TYPES, saying('useOneOf', { values: RELEASE_TYPES.join(', ') }))).max(10))
      .optional()
      .meta({ description: 'Filter by release type; repeat the parameter or separate with commas.' }),
    risk: z
      .preprocess(listOf, z.array(z.enum(RISK_LEVELS, saying('useOneOf', { values: RISK_LEVELS.join(', ') }))).max(10))
      .optional()
      .meta({ description: 'Filter by risk level; repeat the parameter or separate with commas.' }),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, say('day'))
      .optional()
      .meta({ description: 'Only releases whose planned window ends after this day starts (UTC), YYYY-MM-DD.' }),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, say('day'))
      .optional()
      .meta({ description: 'Only releases whose planned window starts before this day ends (UTC), YYYY-MM-DD.' }),
    q: z.string().max(100, say('searchTooLong')).optional().meta({
      description:
        'Search text, matched literally (case-insensitive) anywhere in the title, description, package component names, build versions and work item keys; "REL-12" or "12" also finds that key, listed first.',
    }),
    sort: z.enum(['newest', 'planned_desc', 'planned_asc']).optional().meta({ description: 'Order: newest (default), planned_desc or planned_asc.' }),
    page: z.coerce
      .number({ error: say('page') })
      .int(say('page'))
      .min(1, say('page'))
      .max(100_000)
      .optional()
      .meta({ description: '1-based page number (offset paging; prefer `cursor` beyond the first pages).' }),
    cursor: z.string().min(1).max(500, say('cursorTooLong')).optional().meta({
      description:
        'Opaque position from a previous response’s `nextCursor` (keyset paging: every page costs the same). Keep the other parameters, including `sort`, as they were; `page` is ignored.',
    }),
    pageSize: z.coerce
      .number(saying('pageSize', { max: API_PAGE_SIZE_MAX }))
      .int(saying('pageSize', { max: API_PAGE_SIZE_MAX }))
      .min(1, saying('pageSize', { max: API_PAGE_SIZE_MAX }))
      .max(API_PAGE_SIZE_MAX, saying('pageSize', { max: API_PAGE_SIZE_MAX }))
      .optional()
      .meta({ description: `Items per page (default ${API_PAGE_SIZE_DEFAULT}, at most ${API_PAGE_SIZE_MAX}).` }),
  })
  .strict();

/** The query string as an object: repeated parameters become arrays. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 || key === 'status' || key === 'type' || key === 'risk' ? all : all[0]!;
  }
  return out;
}

// ---------------------------------------------------------------- responses (documentation)

/** A value inside a gate's sentence (lib/domain/result.ts MessageValue). */
const MessageValueSchema: z.ZodType = z
  .lazy(() =>
    z.union([
      z.string(),
      z.number(),
      z.object({ term: z.string().meta({ description: 'A key of the statuses catalogue, e.g. releaseWord.draft.' }) }),
      z.object({
        list: z.array(MessageValueSchema),
        max: z.number().int().optional(),
        conjunction: z.enum(['and', 'or', 'semicolon']).optional(),
      }),
      MessageRefSchema,
    ]),
  )
  .meta({
    id: 'MessageValue',
    description:
      'A value inside a sentence: text or a number as it is, a word of the statuses catalogue ({ term }), a list formatted in the reader’s language ({ list, max, conjunction }), or another message.',
  });

/** A sentence of the `gates` catalogue and its values (docs/decisions/058). */
export const MessageRefSchema = z
  .object({
    key: z.string().meta({ examples: ['plan.owners.missing'] }),
    get values() {
      return z.record(z.string(), MessageValueSchema).optional();
    },
  })
  .meta({ id: 'MessageRef', description: 'A message of the published gates catalogue (messages/<locale>/gates.json) and its values.' });

export const GateSchema = z
  .object({
    rule: z.string().meta({ examples: ['plan.owners'] }),
    passed: z.boolean(),
    why: z.string().meta({ examples: ['2 of 5 plan tasks have no owner: Run smoke tests and Notify support.'] }),
    fix: z
      .string()
      .optional()
      .meta({ examples: ['Give every plan task an owner in the Plan section.'] }),
    words: z
      .object({ why: MessageRefSchema, fix: MessageRefSchema.optional() })
      .optional()
      .meta({ description: 'why and fix as messages of the gates catalogue, to say them in another language; absent for a few gates that are English only.' }),
  })
  .meta({ id: 'Gate', description: 'One rule of a transition: whether it passed, why, and what would satisfy it.' });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        'invalid',
        'unauthenticated',
        'forbidden',
        'not_found',
        'conflict',
        'stale',
        'gates',
        'rate_limited',
        'unsupported_media_type',
        'payload_too_large',
        'method_not_allowed',
        'error',
      ]),
      message: z.string(),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional().meta({ description: 'Messages per field path (e.g. "version", "workItems.0.url").' }),
      gates: z.array(GateSchema).optional().meta({ description: 'For code "gates": every gate of the refused transition.' }),
      requestId: z.string(),
    }),
  })
  .meta({
    id: 'Error',
    description: 'Every failure has this shape.',
    examples: [
      {
        error: {
          code: 'invalid',
          message: 'Some fields need attention.',
          fieldErrors: { version: ['Give the version, e.g. 2.4.1.'] },
          requestId: '5f2c9a01b7e3d4c2',
        },
      },
    ],
  });

const PersonSchema = z.object({ id: z.string(), name: z.string() });
const EnvironmentRefSchema = z.object({ name: z.string(), displayName: z.string(), tier: z.string() });

export const ReleaseRowSchema = z
  .object({
    id: z.string(),
    key: z.string().meta({ examples: ['REL-42'] }),
    number: z.number().int(),
    title: z.string(),
    type: z.enum(['standard', 'normal', 'major', 'emergency']),
    status: z.enum(RELEASE_STATUSES),
    riskLevel: z.enum(['low', 'medium', 'high', 'critical']).nullable(),
    owner: PersonSchema,
    environments: z.array(EnvironmentRefSchema),
    plannedStart: z.string().nullable().meta({ description: 'ISO 8601 (UTC)' }),
    plannedEnd: z.string().nullable(),
    timezone: z.string(),
  })
  .meta({ id: 'ReleaseSummary' });

export const ReleaseListResponseSchema = z
  .object({
    items: z.array(ReleaseRowSchema),
    page: z.object({
      number: z.number().int().nullable().meta({ description: 'The 1-based page number; null for a page asked for by cursor.' }),
      size: z.number().int(),
      totalItems: z.number().int().meta({ description: 'How many releases match; a search stops counting at 1,000 (see totalItemsExact).' }),
      totalItemsExact: z.boolean().meta({
        description: 'false when a search matched more than totalItems releases and was not counted further: page on with nextCursor.',
      }),
      totalPages: z.number().int(),
    }),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
    links: z.object({
      self: z.string(),
      first: z.string(),
      last: z.string().meta({ description: 'The last page by number (offset paging).' }),
      next: z.string().nullable().meta({ description: 'The next page, by cursor; also sent as a Link header (rel="next").' }),
      prev: z.string().nullable().meta({ description: 'The previous page by number; null for pages asked for by cursor.' }),
    }),
  })
  .meta({ id: 'ReleaseList' });

export const TransitionEvaluationSchema = z
  .object({
    from: z.enum(RELEASE_STATUSES),
    to: z.enum(RELEASE_STATUSES),
    label: z.string(),
    allowed: z.boolean(),
    gates: z.array(GateSchema),
  })
  .meta({ id: 'TransitionEvaluation' });

export const ReleaseGatesSchema = z
  .object({
    key: z.string(),
    status: z.enum(RELEASE_STATUSES),
    version: z.number().int(),
    canTransition: z.boolean(),
    transitions: z.array(TransitionEvaluationSchema),
  })
  .meta({ id: 'ReleaseGates', description: 'Every transition the lifecycle offers from the current status, with its gates evaluated now.' });

const RiskSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  likelihood: z.number().int().min(1).max(5),
  impact: z.number().int().min(1).max(5),
  score: z.number().int(),
  mitigation: z.string(),
  owner: z.string().nullable(),
  status: z.enum(RISK_STATUSES),
});

const PackageItemSchema = z.object({
  component: z.string(),
  tier: z.number().int(),
  buildId: z.string(),
  version: z.string(),
  digest: z.string(),
  producedBy: z.string(),
  sourceCommit: z.string().nullable(),
  sourceBranch: z.string().nullable(),
  addedAt: z.string(),
});

const ApprovalPersonSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), team: z.string().nullable() });
const DecisionStateSchema = z.enum(['valid', 'expired', 'invalidated', 'superseded']);

/** Required, given (valid), invalidated (or expired) and missing approvals of a release. */
export const ApprovalSummarySchema = z
  .object({
    required: z.array(
      z.object({
        key: z.string(),
        description: z.string(),
        role: z.string().nullable(),
        count: z.number().int(),
        distinctTeams: z.boolean(),
        cabOnly: z.boolean(),
        given: z.number().int(),
        satisfied: z.boolean(),
      }),
    ),
    given: z.array(
      z.object({
        id: z.string(),
        approver: ApprovalPersonSchema,
        decision: z.enum(['approve', 'reject']),
        comment: z.string(),
        at: z.string(),
        packageDigest: z.string(),
        countsFor: z.string().nullable(),
        expiresAt: z.string().nullable(),
        state: DecisionStateSchema,
      }),
    ),
    invalidated: z.array(
      z.object({
        id: z.string(),
        approver: ApprovalPersonSchema,
        decision: z.enum(['approve', 'reject']),
        at: z.string(),
        packageDigest: z.string(),
        state: DecisionStateSchema,
        reason: z.string().nullable().meta({
          description: 'Why it no longer counts: which scope change invalidated it, when it expired, or that a rejection or resubmission superseded it.',
        }),
      }),
    ),
    missing: z.array(z.string()).meta({ description: 'The requirements still open, in words.' }),
    quorumMet: z.boolean(),
    policyVersion: z.number().int().nullable(),
  })
  .meta({ id: 'ApprovalSummary' });

export const ApprovalDecisionResponseSchema = z
  .object({
    key: z.string(),
    approvalId: z.string(),
    decision: z.enum(['approve', 'reject']),
    status: z.string().meta({ description: 'The release’s status after the decision: submitted, approved (this decision completed the quorum) or rejected.' }),
    approved: z.boolean(),
    countsFor: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'ApprovalDecisionResult' });

export const ReleaseDetailResponseSchema = z
  .object({
    release: ReleaseRowSchema.extend({
      version: z.number().int().meta({ description: 'Send it back when changing the release (optimistic locking).' }),
      requester: PersonSchema,
      description: z.string(),
      businessJustification: z.string(),
      submittedAt: z.string().nullable(),
      approvedAt: z.string().nullable(),
      closedAt: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
    package: z
      .object({
        sealedDigest: z.string().nullable(),
        sealedAt: z.string().nullable(),
        revision: z.number().int(),
        items: z.array(PackageItemSchema),
        compatibility: z.array(z.object({ message: z.string() }).loose()),
        integrity: z
          .object({ ok: z.boolean(), problems: z.array(z.string()), verifiedAt: z.string() })
          .loose()
          .nullable(),
      })
      .nullable()
      .meta({ description: 'null while the release has no package.' }),
    gates: ReleaseGatesSchema,
    risks: z.object({ noKnownRisks: z.boolean(), assessedAt: z.string().nullable(), items: z.array(RiskSchema) }),
    approvals: ApprovalSummarySchema,
    deployments: z
      .array(
        z
          .object({
            id: z.string(),
            environment: z.string(),
            kind: z.enum(['deploy', 'backout']),
            status: z.string(),
            packageDigest: z.string().nullable(),
            startedAt: z.string().nullable(),
            finishedAt: z.string().nullable(),
            verifications: z.array(z.object({ name: z.string(), status: z.string() }).loose()),
          })
          .loose(),
      )
      .meta({ description: 'Every deployment and back-out of the release, newest first; GET /api/v1/deployments/{id} has the detail.' }),
  })
  .meta({ id: 'ReleaseDetail' });

export const TransitionResponseSchema = z
  .object({
    key: z.string(),
    from: z.enum(RELEASE_STATUSES),
    to: z.enum(RELEASE_STATUSES),
    version: z.number().int().meta({ description: 'The release’s new version.' }),
    transitionId: z.string(),
    gates: z.array(GateSchema),
  })
  .meta({ id: 'TransitionResult' });

export const BuildResponseSchema = z
  .object({
    build: z
      .object({
        id: z.string(),
        component: z.object({ id: z.string(), name: z.string(), tier: z.number().int() }),
        version: z.string(),
        artifactDigest: z.string(),
      })
      .loose(),
    created: z.boolean().meta({ description: 'false when an identical build was already recorded (a retry).' }),
  })
  .meta({ id: 'BuildRecorded' });
