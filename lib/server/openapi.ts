import 'server-only';
import { z } from 'zod';
import { DEPLOYMENT_STATUSES } from '@/lib/domain/statuses';
import {
  ApprovalDecisionResponseSchema,
  BuildResponseSchema,
  ErrorSchema,
  ReleaseDetailResponseSchema,
  ReleaseListQuerySchema,
  ReleaseListResponseSchema,
  TransitionResponseSchema,
} from './api-schemas';
import { API_BODY_LIMIT } from './api';
import { ApprovalBodySchema } from './approvals';
import { RecordBuildSchema } from './builds';
import { CalendarFeedQuerySchema, FEED_FREEZE_DAYS } from './calendar';
import { AddCommentSchema } from './comments';
import { ExecuteBackoutSchema } from './backout';
import { AddVerificationBodySchema, RecordDeploymentSchema, UpdateDeploymentStatusBodySchema } from './deployments';
import { RELEASE_KEY_PATTERN } from './release-ref';
import { AcknowledgeConflictSchema, ScheduleReleaseSchema } from './scheduling';
import { TransitionBodySchema } from './transitions';
import { CreateWebhookSchema } from './integrations';
import { DoraQuerySchema } from './insights';
import { DORA_DEFINITIONS, DORA_KEYS } from '@/lib/domain/dora';
import { EVENT_LABELS, EVENT_TYPES } from '@/lib/domain/events';

// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the
// route handlers validate with (request bodies and query parameters) and the
// response shapes in api-schemas.ts. Named schemas (.meta({ id })) land in
// components.schemas.

type Json = Record<string, unknown>;

function collect(schema: z.ZodType, io: 'input' | 'output', components: Record<string, unknown>): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete out.$schema;
  const defs = (out.$defs ?? {}) as Record<string, unknown>;
  delete out.$defs;
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') {
      const o: Json = {};
      for (const [k, x] of Object.entries(v)) {
        o[k] = k === '$ref' && typeof x === 'string' ? x.replace(/^#\/\$defs\//, '#/components/schemas/') : rewrite(x);
      }
      return o;
    }
    return v;
  };
  for (const [name, def] of Object.entries(defs)) components[name] ??= rewrite(def);
  const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
  const body = rewrite(out) as Json;
  if (id) {
    components[id] ??= body;
    return { $ref: `#/components/schemas/${id}` };
  }
  return body;
}

const errorRef = { $ref: '#/components/schemas/Error' };
const jsonContent = (schema: unknown, example?: unknown) => ({ 'application/json': { schema, ...(example !== undefined ? { example } : {}) } });
/** Error messages follow the caller's Accept-Language (docs/decisions/060-refusals-in-the-readers-language.md). */
const ERROR_HEADERS = {
  'Content-Language': {
    description: 'The language of `message`, `fieldErrors` and the gates’ `why`/`fix`: `fr` when Accept-Language prefers French, `en` otherwise.',
    schema: { type: 'string', enum: ['en', 'fr'] },
  },
};
const errorResponse = (description: string, example?: unknown) => ({ description, headers: ERROR_HEADERS, content: jsonContent(errorRef, example) });

const err = (code: string, message: string, extra: Json = {}) => ({ error: { code, message, ...extra, requestId: '5f2c9a01b7e3d4c2' } });

const COMMON_ERRORS = {
  '401': errorResponse(
    'No API token, or it is unknown, revoked, expired, or its owner is disabled.',
    err('unauthenticated', 'Send an API token in the Authorization header: "Authorization: Bearer relm_…".'),
  ),
  '403': errorResponse(
    'The token’s owner lacks the permission, or the token is not scoped for it; for a release manager’s change of one release (transitions, schedule, acknowledgements), the owner does not manage that release.',
    err('forbidden', 'This API token is not scoped for release.read. Create a token with that scope.'),
  ),
};
const BODY_ERRORS = {
  '400': errorResponse(
    'Malformed JSON or invalid fields (see fieldErrors).',
    err('invalid', 'Some fields need attention.', { fieldErrors: { version: ['Give the version, e.g. 2.4.1.'] } }),
  ),
  '413': errorResponse(`The body is larger than ${API_BODY_LIMIT / 1024 / 1024} MB.`),
  '415': errorResponse('The body is not declared as application/json.'),
};

const WEBHOOK_SCHEMA = {
  type: 'object',
  required: ['id', 'url', 'description', 'events', 'status'],
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    description: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
    status: { type: 'string', enum: ['active', 'disabled'] },
    disabledAt: { type: ['string', 'null'], format: 'date-time' },
    disabledReason: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    deliveries: {
      type: 'object',
      properties: {
        sent: { type: 'integer' },
        failed: { type: 'integer' },
        waiting: { type: 'integer' },
        lastAt: { type: ['string', 'null'] },
        lastStatus: { type: ['string', 'null'] },
      },
    },
  },
};

function queryParameters(schema: z.ZodObject, components: Record<string, unknown>) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const s = collect(field as z.ZodType, 'input', components);
    const description = (s.description as string | undefined) ?? undefined;
    delete s.description;
    return {
      name,
      in: 'query',
      required: false,
      ...(description ? { description } : {}),
      schema: name === 'status' ? { type: 'array', items: s.items ?? { type: 'string' } } : s,
      ...(name === 'status' ? { style: 'form', explode: true } : {}),
    };
  });
}

const GATE_ITEM = {
  type: 'object',
  required: ['rule', 'passed', 'why'],
  properties: {
    rule: { type: 'string' },
    passed: { type: 'boolean' },
    why: { type: 'string' },
    fix: { type: 'string' },
    words: {
      type: 'object',
      required: ['why'],
      description: 'why and fix as messages of the gates catalogue, to say them in another language; absent for a few gates that are English only.',
      properties: { why: { $ref: '#/components/schemas/MessageRef' }, fix: { $ref: '#/components/schemas/MessageRef' } },
    },
  },
};
const DEPLOYMENT_GATE_SCHEMA = {
  type: 'object',
  required: ['allowed', 'gates', 'environment', 'packageDigest'],
  properties: {
    allowed: { type: 'boolean' },
    gates: { type: 'array', items: GATE_ITEM },
    environment: { type: 'string' },
    packageDigest: { type: ['string', 'null'] },
  },
};
const DEPLOYMENT_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    releaseKey: { type: 'string' },
    environment: { type: 'string' },
    kind: { enum: ['deploy', 'backout'] },
    status: { enum: [...DEPLOYMENT_STATUSES] },
    packageDigest: { type: ['string', 'null'] },
    executedBy: { type: 'string' },
    startedAt: { type: ['string', 'null'], format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    durationSeconds: { type: ['integer', 'null'] },
    items: {
      type: 'array',
      items: { type: 'object', properties: { component: { type: 'string' }, version: { type: 'string' }, buildId: { type: 'string' } } },
    },
    verifications: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, status: { enum: ['passed', 'failed', 'skipped'] }, evidenceUrl: { type: ['string', 'null'] } },
      },
    },
  },
};
const deploymentParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Deployment id (from POST /api/v1/deployments).',
  schema: { type: 'string', maxLength: 64 },
};

let cached: Json | null = null;

const COMMENT_LIST_SCHEMA = {
  type: 'object',
  required: ['key', 'items'],
  properties: {
    key: { type: 'string' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'kind', 'body', 'author', 'createdAt', 'editedAt', 'version', 'edits'],
        properties: {
          id: { type: 'string' },
          kind: { enum: ['comment', 'question'] },
          body: { type: 'string', description: 'Markdown.' },
          author: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
          createdAt: { type: 'string', format: 'date-time' },
          editedAt: { type: ['string', 'null'], format: 'date-time' },
          version: { type: 'integer' },
          edits: {
            type: 'array',
            items: {
              type: 'object',
              properties: { body: { type: 'string' }, writtenAt: { type: 'string', format: 'date-time' }, replacedAt: { type: 'string', format: 'date-time' } },
            },
          },
        },
      },
    },
  },
};

export function openApiDocument(): Json {
  if (cached) return cached;
  const components: Record<string, unknown> = {};
  collect(ErrorSchema, 'output', components);
  const keyParam = {
    name: 'key',
    in: 'path',
    required: true,
    description: 'Release key, e.g. REL-42.',
    schema: { type: 'string', pattern: RELEASE_KEY_PATTERN.source },
    example: 'REL-42',
  };

  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Relm API',
      version: '1.0.0',
      description:
        'Machine access to Relm. Authenticate with an API token from your profile page: `Authorization: Bearer relm_…`. ' +
        'Every response carries `x-request-id`, the id Relm gave the request; send your own `x-request-id` (letters, digits, `._:-`, at most 64) to correlate and it comes back as `x-client-request-id`. Bodies are JSON (at most 1 MB). ' +
        'Every failure is `{ "error": { "code", "message", "fieldErrors"?, "gates"?, "requestId" } }`. ' +
        'Messages (`message`, `fieldErrors`, the gates’ `why` and `fix`) are in the language of the request’s `Accept-Language` (English or French; English otherwise), named by the `Content-Language` response header; `code`, field names and gate `rule` ids are always English, so match on those.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths: {
      '/api/v1/builds': {
        post: {
          operationId: 'recordBuild',
          summary: 'Record a build of a component',
          description:
            'Builds are immutable. Reporting the same component, version and digest again is a harmless retry (200); the same version with another digest is refused (409). Needs the build.record scope.',
          requestBody: {
            required: true,
            content: jsonContent(collect(RecordBuildSchema, 'input', components), {
              component: 'billing-api',
              version: '2.4.1',
              artifactDigest: `sha256:${'4f'.repeat(32)}`,
              sourceCommit: '5114f85',
              sourceBranch: 'main',
              notes: 'Retry failed ledger postings.',
              workItems: [{ key: 'PAY-123', title: 'Retry postings', url: 'https://tracker.example/PAY-123' }],
            }),
          },
          responses: {
            '201': { description: 'Recorded.', content: jsonContent(collect(BuildResponseSchema, 'output', components)) },
            '200': { description: 'An identical build was already recorded (retry).', content: jsonContent({ $ref: '#/components/schemas/BuildRecorded' }) },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '409': errorResponse('The version is already recorded with a different artifact digest.'),
          },
        },
      },
      '/api/v1/releases': {
        get: {
          operationId: 'listReleases',
          summary: 'List and search releases (filter, paginate by cursor or page)',
          parameters: queryParameters(ReleaseListQuerySchema, components),
          responses: {
            '200': {
              description:
                'One page of releases, best match first when searching (an exact key, then whole-field matches). Follow `links.next` (or the `Link` header) to page by cursor: deep pages cost what the first does.',
              headers: {
                Link: {
                  description: 'The next page by cursor, as `<url>; rel="next"`; absent on the last page.',
                  schema: { type: 'string' },
                },
              },
              content: jsonContent(collect(ReleaseListResponseSchema, 'output', components)),
            },
            '400': errorResponse(
              'Invalid query parameters (see fieldErrors).',
              err('invalid', 'Some query parameters need attention.', { fieldErrors: { page: ['The page is a whole number from 1.'] } }),
            ),
            ...COMMON_ERRORS,
          },
        },
      },
      '/api/v1/releases/{key}': {
        get: {
          operationId: 'getRelease',
          summary: 'One release with its package, gates, risks, approvals and deployments',
          description:
            '`approvals` lists the required approvals, the valid ones given (and which requirement each counts for), those invalidated by a scope change, expired or superseded (with the reason), and what is missing.',
          parameters: [keyParam],
          responses: {
            '200': { description: 'The release.', content: jsonContent(collect(ReleaseDetailResponseSchema, 'output', components)) },
            ...COMMON_ERRORS,
            '404': errorResponse(
              'No release has that key (or you may not see it).',
              err('not_found', 'Release REL-9999 was not found, or you may not see it.'),
            ),
          },
        },
      },
      '/api/v1/releases/{key}/transitions': {
        post: {
          operationId: 'transitionRelease',
          summary: 'Move a release to another status',
          description:
            'Evaluates the transition’s gates in the same transaction that writes. Refused transitions answer 422 with every gate; a stale version answers 409. Cancelling needs a reason. Needs the release.transition scope, and the token’s owner must manage the release: its owner, a co-manager, or a release manager of the owner’s team (others: 403 naming who may).',
          parameters: [keyParam],
          requestBody: {
            required: true,
            content: jsonContent(collect(TransitionBodySchema, 'input', components), { to: 'submitted', version: 3 }),
          },
          responses: {
            '200': { description: 'The transition was made.', content: jsonContent(collect(TransitionResponseSchema, 'output', components)) },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '403': errorResponse(
              'The token’s owner lacks the permission, the token is not scoped for it, or the owner does not manage this release.',
              err(
                'forbidden',
                "Only REL-42's owner (Priya Shah) and release managers of the Payments team may change it. Ask the owner to add you as a co-manager.",
              ),
            ),
            '404': errorResponse('No release has that key.'),
            '409': errorResponse(
              'The release changed since the caller read its version (stale).',
              err(
                'stale',
                'Ann Lee saved a newer version of REL-42 at 14:05 UTC (3 minutes ago) after you opened it (it is now at version 5; you had version 4). Your changes are kept below: review them against the current values and save again.',
              ),
            ),
            '422': errorResponse(
              'One or more gates are not met.',
              err('gates', 'REL-42 cannot be submitted: 1 gate is not met.', {
                gates: [
                  {
                    rule: 'plan.owners',
                    passed: false,
                    why: '2 of 5 plan tasks have no owner: Run smoke tests and Notify support.',
                    fix: 'Give every plan task an owner in the Plan section.',
                    words: {
                      why: {
                        key: 'plan.owners.missing',
                        values: { missing: 2, total: 5, tasks: { list: ['Run smoke tests', 'Notify support'], max: 5, conjunction: 'and' } },
                      },
                      fix: { key: 'plan.owners.fix' },
                    },
                  },
                ],
              }),
            ),
          },
        },
      },
      '/api/v1/releases/{key}/approvals': {
        post: {
          operationId: 'decideApproval',
          summary: 'Approve or reject a submitted release',
          description:
            'The same rules as the approval card. `packageDigest` is required: the sealed digest the caller reviewed (GET /api/v1/releases/{key} → package.sealedDigest); if the package changed since, the decision is refused as stale (409) naming the change. ' +
            'Separation of duties: the requester, the owner and the authors of builds in the package are refused (403), and no role bypasses it; a person counts once (a second decision is refused, 409) unless their earlier approval expired. ' +
            'A rejection needs a comment and returns the release to rejected; the approval that completes every requirement moves it to approved, exactly once. Needs the approval.decide scope.',
          parameters: [keyParam],
          requestBody: {
            required: true,
            content: jsonContent(collect(ApprovalBodySchema, 'input', components), {
              decision: 'approve',
              comment: 'Rollout plan and back-out checked.',
              packageDigest: '4f'.repeat(32),
            }),
          },
          responses: {
            '200': { description: 'The decision was recorded.', content: jsonContent(collect(ApprovalDecisionResponseSchema, 'output', components)) },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '404': errorResponse('No release has that key.'),
            '409': errorResponse(
              'Not submitted, already decided by this person, nothing left this person could count for, or the package changed since the digest sent (stale).',
              err('conflict', 'You approved REL-42 at 14:03 UTC on 2026-11-23; a person counts once.'),
            ),
          },
        },
      },
      '/api/v1/releases/{key}/schedule': {
        get: {
          operationId: 'getSchedule',
          summary: "A release's window per target environment and the result of every scheduling check",
          description:
            'Each problem names its rule (schedule.maintenance, schedule.freeze, schedule.promotion, conflict.environment, conflict.component, conflict.owner), the other release and its times, and whether it may be acknowledged. Needs the release.read scope.',
          parameters: [keyParam],
          responses: {
            '200': { description: 'Windows and checks.', content: { 'application/json': { schema: { type: 'object' } } } },
            ...COMMON_ERRORS,
            '404': errorResponse('No release has that key.'),
          },
        },
        put: {
          operationId: 'scheduleRelease',
          summary: 'Set the window per target environment (local times in the given time zone)',
          description:
            'Stores the windows and answers with every check; problems do not refuse the save (they are for the approved → scheduled gate), except when the release is already scheduled: then a window with a problem that cannot be acknowledged is refused (422). Optimistic locking on `version` (409 stale). Needs the release.edit scope.',
          parameters: [keyParam],
          requestBody: {
            required: true,
            content: jsonContent(collect(ScheduleReleaseSchema.omit({ releaseKey: true }), 'input', components), {
              version: 4,
              timezone: 'Europe/London',
              windows: [{ environment: 'staging', start: '2026-12-01T10:00', end: '2026-12-01T12:00' }],
            }),
          },
          responses: {
            '200': { description: 'The stored windows and the checks.', content: { 'application/json': { schema: { type: 'object' } } } },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '404': errorResponse('No release has that key.'),
          },
        },
      },
      '/api/v1/releases/{key}/schedule/slots': {
        get: {
          operationId: 'suggestSlots',
          summary: 'The first free slots in the next 90 days for one environment',
          description:
            'Every slot passes every scheduling check for that environment (maintenance windows, freezes, promotion path, conflicts). Query: environment, duration (minutes), limit (1–20). Needs the release.read scope.',
          parameters: [
            keyParam,
            { name: 'environment', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'duration', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 20 } },
          ],
          responses: {
            '200': { description: 'Slots.', content: { 'application/json': { schema: { type: 'object' } } } },
            ...COMMON_ERRORS,
            '404': errorResponse('No release with that key and target environment.'),
          },
        },
      },
      '/api/v1/releases/{key}/schedule/acknowledgements': {
        post: {
          operationId: 'acknowledgeConflict',
          summary: 'Acknowledge a scheduling conflict with a reason, where the policy allows',
          description:
            'Freezes are never acknowledgeable (use a freeze override); which conflict kinds are is set by the policy. Needs the release.edit scope.',
          parameters: [keyParam],
          requestBody: {
            required: true,
            content: jsonContent(collect(AcknowledgeConflictSchema.omit({ releaseKey: true }), 'input', components), {
              otherReleaseKey: 'REL-14',
              kind: 'component',
              component: 'billing-api',
              reason: 'Both releases ship the same billing-api build; agreed with the other owner.',
            }),
          },
          responses: {
            '200': { description: 'Recorded.', content: { 'application/json': { schema: { type: 'object' } } } },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '404': errorResponse('No release has that key.'),
          },
        },
      },
      // the discussion (docs/decisions/042-release-discussion-and-mentions.md, 048)
      '/api/v1/releases/{key}/comments': {
        get: {
          operationId: 'listComments',
          summary: 'The release’s discussion, oldest first',
          description:
            'Every comment and question with its author, text (Markdown) and the texts earlier edits replaced, newest edit first. Needs the release.read scope.',
          parameters: [keyParam],
          responses: {
            '200': {
              description: 'The thread.',
              content: jsonContent(COMMENT_LIST_SCHEMA, {
                key: 'REL-42',
                items: [
                  {
                    id: 'cm9x…',
                    kind: 'comment',
                    body: '@dana.ops the rollback script is attached to the plan.',
                    author: { id: 'cm9a…', name: 'Riley Release' },
                    createdAt: '2026-12-06T09:30:00.000Z',
                    editedAt: null,
                    version: 1,
                    edits: [],
                  },
                ],
              }),
            },
            ...COMMON_ERRORS,
            '404': errorResponse('No release has that key.'),
          },
        },
        post: {
          operationId: 'addComment',
          summary: 'Write a comment (or an approver’s question) in the release’s discussion',
          description:
            'The same rules as the discussion on the release page: `@handle` (an e-mail local part) tells the active person it names; `kind: "question"` is for people who decide approvals and tells the release’s owner and co-managers, leaving every approval as it is. Comments are never deleted. Needs the comment.write scope, and a token owned by a person.',
          parameters: [keyParam],
          requestBody: {
            required: true,
            content: jsonContent(collect(AddCommentSchema.omit({ releaseKey: true }), 'input', components), {
              body: 'Is the database migration reversible? @sam.dba',
              kind: 'question',
            }),
          },
          responses: {
            '201': {
              description: 'Written.',
              content: jsonContent(
                {
                  type: 'object',
                  required: ['releaseKey', 'commentId', 'kind', 'mentioned'],
                  properties: {
                    releaseKey: { type: 'string' },
                    commentId: { type: 'string' },
                    kind: { enum: ['comment', 'question'] },
                    mentioned: { type: 'array', items: { type: 'string' }, description: 'The names of the people the comment told.' },
                  },
                },
                { releaseKey: 'REL-42', commentId: 'cm9x…', kind: 'question', mentioned: ['Sam Dba'] },
              ),
            },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '404': errorResponse('No release has that key.'),
          },
        },
      },
      '/api/v1/releases/{key}/gate': {
        get: {
          operationId: 'deploymentGate',
          summary: 'May this release’s package be deployed to an environment now?',
          description:
            'Evaluates the deployment gate now: deploy.status (scheduled or deploying), deploy.window (inside the scheduled window and maintenance windows), deploy.freeze (no freeze unless an override was granted), deploy.promotion (every earlier target environment has a succeeded deployment of this package digest), deploy.integrity (the package still hashes to its sealed digest), deploy.in_flight (no other open deployment there) and, for production-tier environments, deploy.test_evidence (where the policy requires test evidence for the release type: passing verification results, and no failing ones, on the successful deployments to earlier environments) and, for protected environments, deploy.protected (the caller holds one of the roles and belongs to one of the teams the environment names as its deployers; judged for the token owner). `allowed: false` is still a 200. Needs the release.read scope.',
          parameters: [
            keyParam,
            { name: 'environment', in: 'query', required: true, description: 'Environment name, e.g. staging.', schema: { type: 'string', maxLength: 100 } },
          ],
          responses: {
            '200': {
              description: 'The gate.',
              content: jsonContent(DEPLOYMENT_GATE_SCHEMA, {
                allowed: false,
                environment: 'production',
                packageDigest: '4f'.repeat(32),
                gates: [
                  { rule: 'deploy.status', passed: true, why: 'The release is deploying.' },
                  {
                    rule: 'deploy.promotion',
                    passed: false,
                    why: 'This package has not been deployed successfully to staging, which comes before production in the promotion path.',
                    fix: 'Deploy to staging first and mark that deployment succeeded.',
                  },
                ],
              }),
            },
            '400': errorResponse(
              'No environment given.',
              err('invalid', 'Some query parameters need attention.', { fieldErrors: { environment: ['Name the environment, e.g. ?environment=staging.'] } }),
            ),
            ...COMMON_ERRORS,
            '404': errorResponse('No release with that key, or no environment with that name.'),
          },
        },
      },
      '/api/v1/releases/{key}/backout': {
        post: {
          operationId: 'executeBackout',
          summary: 'Record that the back-out plan was carried out in an environment',
          description:
            'Allowed while the release is deploying or deployed, after a deployment to that environment, when the back-out plan names a build to return to. Records a back-out deployment of the previous builds, restores what the environment runs, moves the release to rolled_back and makes the post-release review mandatory. Refusals answer 422 with the gates. Needs the deployment.record scope.',
          parameters: [keyParam],
          requestBody: {
            required: true,
            content: jsonContent(collect(ExecuteBackoutSchema.omit({ releaseKey: true }), 'input', components), {
              environment: 'production',
              reason: 'Synthetic checkout failed: 12% of requests answered 502.',
            }),
          },
          responses: {
            '201': {
              description: 'Recorded: the release is rolled back.',
              content: jsonContent(
                {
                  type: 'object',
                  required: ['key', 'deploymentId', 'environment', 'status', 'version', 'items'],
                  properties: {
                    key: { type: 'string' },
                    deploymentId: { type: 'string' },
                    environment: { type: 'string' },
                    status: { const: 'rolled_back' },
                    version: { type: 'integer' },
                    items: { type: 'array', items: { type: 'object', properties: { component: { type: 'string' }, version: { type: 'string' } } } },
                    removed: { type: 'array', items: { type: 'string' } },
                  },
                },
                {
                  key: 'REL-42',
                  deploymentId: 'cm9x…',
                  environment: 'production',
                  status: 'rolled_back',
                  version: 12,
                  items: [{ component: 'billing-api', version: '4.12.0' }],
                  removed: [],
                },
              ),
            },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '404': errorResponse('No release with that key, or no environment with that name.'),
            '422': errorResponse('The back-out is not possible now (see gates).'),
          },
        },
      },
      '/api/v1/trains': {
        get: {
          operationId: 'listTrains',
          summary: 'Every release train with its next departure',
          description:
            'For each train: slug, name, cadence (in words), cut-off, time zone, target environments and the next departure (its instant, its cut-off and how many releases are on it). Needs the release.read scope.',
          responses: {
            '200': {
              description: 'The trains, active first.',
              content: jsonContent({
                type: 'object',
                required: ['items'],
                properties: {
                  items: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['slug', 'name', 'active', 'cadence', 'cutoff', 'timezone', 'environments', 'nextDeparture'],
                      properties: {
                        slug: { type: 'string', examples: ['weekly-web-train'] },
                        name: { type: 'string' },
                        description: { type: 'string' },
                        active: { type: 'boolean' },
                        cadence: { type: 'string', examples: ['Every Tuesday at 10:00 (Europe/London)'] },
                        cutoff: { type: 'string', examples: ['1 d before each departure'] },
                        timezone: { type: 'string' },
                        environments: { type: 'array', items: { type: 'string' } },
                        nextDeparture: {
                          type: ['object', 'null'],
                          properties: {
                            departureAt: { type: 'string', format: 'date-time' },
                            cutoffAt: { type: 'string', format: 'date-time' },
                            releases: { type: 'integer' },
                          },
                        },
                      },
                    },
                  },
                },
              }),
            },
            ...COMMON_ERRORS,
          },
        },
      },
      '/api/v1/environments': {
        get: {
          operationId: 'listEnvironments',
          summary: 'Every environment in promotion order, with what it runs now',
          description:
            'For each environment: name, tier, position, protection and every component it runs (version, build id, since when, and the release and deployment that put it there). Needs the catalog.read scope.',
          responses: {
            '200': {
              description: 'The environments.',
              content: jsonContent(
                {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['name', 'tier', 'position', 'running'],
                        properties: {
                          name: { type: 'string' },
                          displayName: { type: 'string' },
                          tier: { type: 'string' },
                          position: { type: 'integer' },
                          protected: { type: 'boolean' },
                          deployers: {
                            type: ['object', 'null'],
                            description:
                              'For a protected environment, who may deploy to it (gate deploy.protected): a person holding any of the roles and in any of the teams (slugs); an empty list means no limit by that. Both empty: no one. null when not protected.',
                            properties: { roles: { type: 'array', items: { type: 'string' } }, teams: { type: 'array', items: { type: 'string' } } },
                          },
                          running: {
                            type: 'array',
                            items: {
                              type: 'object',
                              properties: {
                                component: { type: 'string' },
                                version: { type: 'string' },
                                buildId: { type: 'string' },
                                since: { type: 'string', format: 'date-time' },
                                releaseKey: { type: ['string', 'null'] },
                                deploymentId: { type: ['string', 'null'] },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
                {
                  items: [
                    {
                      name: 'production',
                      displayName: 'Production',
                      tier: 'production',
                      position: 4,
                      protected: true,
                      deployers: { roles: ['operations'], teams: ['platform'] },
                      running: [
                        {
                          component: 'billing-api',
                          version: '4.12.0',
                          buildId: 'cm9…',
                          since: '2026-11-14T10:40:00.000Z',
                          releaseKey: 'REL-6',
                          deploymentId: 'cm9…',
                        },
                      ],
                    },
                  ],
                },
              ),
            },
            ...COMMON_ERRORS,
          },
        },
      },
      '/api/v1/deployments': {
        post: {
          operationId: 'recordDeployment',
          summary: 'Record a deployment of the release’s sealed package to an environment',
          description:
            'Checks the deployment gate in the same transaction that writes; refused deployments answer 422 with every gate. The deployment records the package digest, its builds, and who ran it (the token). The first deployment moves the release from scheduled to deploying. Needs the deployment.record scope.',
          requestBody: {
            required: true,
            content: jsonContent(collect(RecordDeploymentSchema, 'input', components), {
              releaseKey: 'REL-42',
              environment: 'staging',
              status: 'in_progress',
              externalRef: 'https://ci.example/runs/981',
            }),
          },
          responses: {
            '201': { description: 'Recorded.', content: jsonContent(DEPLOYMENT_SCHEMA) },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '404': errorResponse('No release with that key, or no environment with that name.'),
            '422': errorResponse(
              'The deployment gate is not met.',
              err('gates', 'REL-42 may not be deployed to production now: 1 gate is not met (deploy.freeze).', {
                gates: [
                  {
                    rule: 'deploy.freeze',
                    passed: false,
                    why: 'Year-end freeze covers production.',
                    fix: 'Wait for the freeze to end, or have a freeze override granted for this release and environment.',
                  },
                ],
              }),
            ),
          },
        },
      },
      '/api/v1/deployments/{id}': {
        get: {
          operationId: 'getDeployment',
          summary: 'One deployment with its items and verification results',
          parameters: [deploymentParam],
          responses: {
            '200': { description: 'The deployment.', content: jsonContent(DEPLOYMENT_SCHEMA) },
            ...COMMON_ERRORS,
            '404': errorResponse('No deployment has that id.'),
          },
        },
        patch: {
          operationId: 'updateDeploymentStatus',
          summary: 'Move a deployment: scheduled → in_progress → succeeded | failed',
          description:
            'Other moves are refused (409) naming the legal ones; sending the current status again is a harmless retry. Succeeded records what the environment runs now, and when every target environment has succeeded the release becomes deployed. Failed requires a post-implementation review and notifies the release owner. Needs the deployment.record scope.',
          parameters: [deploymentParam],
          requestBody: {
            required: true,
            content: jsonContent(collect(UpdateDeploymentStatusBodySchema, 'input', components), {
              status: 'succeeded',
              notes: 'Rolled out to 12 of 12 nodes.',
            }),
          },
          responses: {
            '200': { description: 'The deployment after the change.', content: jsonContent(DEPLOYMENT_SCHEMA) },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '404': errorResponse('No deployment has that id.'),
            '409': errorResponse(
              'Not a legal move from the current status.',
              err(
                'conflict',
                'The deployment of REL-42 to staging is succeeded; it cannot become failed. A finished deployment is final: record a new deployment instead.',
              ),
            ),
          },
        },
      },
      '/api/v1/deployments/{id}/verifications': {
        post: {
          operationId: 'addVerification',
          summary: 'Attach a verification result (named check, passed/failed/skipped, evidence link)',
          description: 'The evidence link must be http or https. The deployment must have started. Needs the deployment.record scope.',
          parameters: [deploymentParam],
          requestBody: {
            required: true,
            content: jsonContent(collect(AddVerificationBodySchema, 'input', components), {
              name: 'smoke tests',
              status: 'passed',
              evidenceUrl: 'https://ci.example/runs/981/tests',
            }),
          },
          responses: {
            '201': { description: 'Recorded.', content: jsonContent({ type: 'object' }) },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '404': errorResponse('No deployment has that id.'),
            '409': errorResponse('The deployment has not started yet.'),
          },
        },
      },
      '/api/v1/metrics/dora': {
        get: {
          operationId: 'getDeliveryMetrics',
          summary: 'Delivery metrics: the four DORA keys, approval wait and schedule adherence',
          description:
            'The figures for a period (default: the last 12 weeks up to today, UTC days) and the same figures for the period of equal length just before, with the change in words. ' +
            'Deployments to every production-tier environment unless `environment` names one. Each figure carries its definition; in short: ' +
            DORA_KEYS.map((k) => `**${DORA_DEFINITIONS[k].title}**: ${DORA_DEFINITIONS[k].definition}`).join(' ') +
            ' Durations are milliseconds, rates 0..1, deployment frequency per week; `weekly` has hours and percentages. Needs the release.read scope.',
          parameters: queryParameters(DoraQuerySchema, components),
          responses: {
            '200': {
              description: 'The figures.',
              content: jsonContent({
                type: 'object',
                required: [
                  'period',
                  'previousPeriod',
                  'filters',
                  'environments',
                  'figures',
                  'current',
                  'previous',
                  'weekly',
                  'leadTimeDistribution',
                  'failures',
                ],
                properties: {
                  period: {
                    type: 'object',
                    properties: {
                      from: { type: 'string', format: 'date' },
                      to: { type: 'string', format: 'date' },
                      days: { type: 'integer' },
                      weeks: { type: ['integer', 'null'] },
                    },
                  },
                  previousPeriod: { type: 'object', properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } },
                  filters: {
                    type: 'object',
                    properties: { team: { type: ['string', 'null'] }, component: { type: ['string', 'null'] }, environment: { type: ['string', 'null'] } },
                  },
                  environments: { type: 'array', items: { type: 'string' }, description: 'The environments measured.' },
                  figures: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['key', 'title', 'definition', 'value', 'text', 'previous', 'comparison'],
                      properties: {
                        key: { type: 'string', enum: [...DORA_KEYS] },
                        title: { type: 'string' },
                        unit: { type: 'string' },
                        better: { type: 'string', enum: ['higher', 'lower'] },
                        definition: { type: 'string' },
                        value: { type: ['number', 'null'] },
                        text: { type: 'string' },
                        detail: { type: 'string' },
                        previous: { type: ['number', 'null'] },
                        previousText: { type: 'string' },
                        comparison: {
                          type: 'object',
                          properties: {
                            delta: { type: ['number', 'null'] },
                            direction: { type: 'string', enum: ['up', 'down', 'same', 'unknown'] },
                            verdict: { type: 'string', enum: ['better', 'worse', 'unchanged', 'unknown'] },
                            text: { type: 'string' },
                          },
                        },
                      },
                    },
                  },
                  current: { type: 'object', description: 'The counts behind the figures (deployments, finished, failures, restored, …).' },
                  previous: { type: 'object', description: 'The same for the previous period.' },
                  weekly: {
                    type: 'array',
                    items: { type: 'object' },
                    description:
                      'Week by week from `from`: deployments, leadTimeHours, changeFailureRate (%), timeToRestoreHours, approvalWaitHours, scheduleAdherence (%).',
                  },
                  leadTimeDistribution: {
                    type: 'array',
                    items: { type: 'object', properties: { bucket: { type: 'string' }, deployments: { type: 'integer' } } },
                  },
                  failures: {
                    type: 'array',
                    items: { type: 'object' },
                    description: 'Each failure of the period, why it counts and when (if) it was restored.',
                  },
                },
              }),
            },
            '400': errorResponse(
              'Invalid query parameters, or an unknown team, component or environment (see fieldErrors).',
              err('invalid', 'Some query parameters need attention.', { fieldErrors: { from: ['Give a date as YYYY-MM-DD.'] } }),
            ),
            ...COMMON_ERRORS,
          },
        },
      },
      '/api/v1/calendar.ics': {
        get: {
          operationId: 'calendarFeed',
          summary: 'iCalendar feed of releases and freezes (subscribe from a calendar program)',
          description:
            'RFC 5545 text: one VEVENT per release and target environment (the scheduled window there, else the planned window; UID `rel-<number>-<environment>@relm`, STATUS CONFIRMED, TENTATIVE for draft/submitted/rejected/rolled back, CANCELLED), ' +
            `and one per freeze occurrence in the next ${FEED_FREEZE_DAYS} days (SUMMARY "Freeze: …"). Needs the release.read scope. ` +
            'Calendar programs cannot send headers, so this endpoint (only this one) also accepts the token as `?token=relm_…`; treat such a URL as a secret and revoke the token on your profile page if it leaks.',
          security: [{ bearerAuth: [] }, { queryToken: [] }],
          parameters: queryParameters(CalendarFeedQuerySchema, components),
          responses: {
            '200': {
              description: 'The calendar.',
              content: {
                'text/calendar': { schema: { type: 'string' }, example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Relm//Release calendar//EN\r\n…' },
              },
            },
            '400': errorResponse(
              'Invalid range or filters (see fieldErrors).',
              err('invalid', 'Some query parameters need attention.', { fieldErrors: { to: ['The range is at most 400 days.'] } }),
            ),
            ...COMMON_ERRORS,
          },
        },
      },
      '/api/v1/webhooks': {
        get: {
          operationId: 'listWebhooks',
          summary: 'List the registered webhook endpoints',
          description:
            'Each endpoint with its events, status (active or disabled, with the reason) and delivery counts; never its secret. Needs the integration.manage scope (admins).',
          responses: {
            '200': {
              description: 'The endpoints.',
              content: jsonContent({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: WEBHOOK_SCHEMA } } }),
            },
            ...COMMON_ERRORS,
          },
        },
        post: {
          operationId: 'createWebhook',
          summary: 'Register a webhook endpoint',
          description:
            'Relm POSTs each chosen event to the URL, signed by the Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature "v1,<base64 HMAC-SHA256>"). ' +
            'The answer carries the signing secret (whsec_…) this once. Loopback, private and link-local addresses are refused with the reason unless the operator set RELM_WEBHOOKS_ALLOW_PRIVATE=true. ' +
            'Needs the integration.manage scope.',
          requestBody: {
            required: true,
            content: jsonContent(collect(CreateWebhookSchema, 'input', components), {
              url: 'https://hooks.example.com/relm',
              description: 'Status page updater',
              events: ['release.deployed', 'deployment.failed', 'release.rolled_back'],
            }),
          },
          responses: {
            '201': {
              description: 'Registered. Keep the secret: it is not shown again.',
              content: jsonContent({
                type: 'object',
                required: ['webhook', 'secret'],
                properties: { webhook: WEBHOOK_SCHEMA, secret: { type: 'string', pattern: '^whsec_' } },
              }),
            },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '409': errorResponse('Relm already keeps the most endpoints it allows (50).'),
          },
        },
      },
      '/api/v1/webhooks/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'getWebhook',
          summary: 'One endpoint with its newest deliveries',
          description: 'The delivery log: event, webhook-id, status, attempts, last response code and error, times. Needs the integration.manage scope.',
          responses: {
            '200': {
              description: 'The endpoint.',
              content: jsonContent({
                allOf: [WEBHOOK_SCHEMA, { type: 'object', properties: { recentDeliveries: { type: 'array', items: { type: 'object' } } } }],
              }),
            },
            ...COMMON_ERRORS,
            '404': errorResponse('No such endpoint.'),
          },
        },
        patch: {
          operationId: 'updateWebhook',
          summary: 'Change, pause or re-enable an endpoint',
          description:
            'Any of description, events, enabled. enabled: true re-enables an endpoint Relm disabled after a day of failed deliveries. Needs the integration.manage scope.',
          requestBody: {
            required: true,
            content: jsonContent(
              {
                type: 'object',
                properties: {
                  description: { type: 'string', maxLength: 200 },
                  events: { type: 'array', items: { type: 'string', enum: [...EVENT_TYPES] } },
                  enabled: { type: 'boolean' },
                },
              },
              { enabled: true },
            ),
          },
          responses: {
            '200': { description: 'Saved.', content: jsonContent(WEBHOOK_SCHEMA) },
            ...BODY_ERRORS,
            ...COMMON_ERRORS,
            '404': errorResponse('No such endpoint.'),
          },
        },
        delete: {
          operationId: 'deleteWebhook',
          summary: 'Remove an endpoint',
          description:
            'Nothing more is sent to it; its delivery log goes with it (the audit trail keeps the registration). Needs the integration.manage scope.',
          responses: {
            '200': {
              description: 'Removed.',
              content: jsonContent({ type: 'object', properties: { id: { type: 'string' }, deleted: { type: 'boolean', const: true } } }),
            },
            ...COMMON_ERRORS,
            '404': errorResponse('No such endpoint.'),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    // What Relm sends to registered endpoints (OpenAPI 3.1 webhooks)
    webhooks: Object.fromEntries(
      EVENT_TYPES.map((type) => [
        type,
        {
          post: {
            operationId: `event_${type.replace('.', '_')}`,
            summary: EVENT_LABELS[type].label,
            description: `${EVENT_LABELS[type].description} Signed by the Standard Webhooks specification; de-duplicate on webhook-id (the same on every retry).`,
            parameters: [
              { name: 'webhook-id', in: 'header', required: true, schema: { type: 'string' }, example: 'msg_5b1f0c3e6a2d4f8b9c7e1a2b3c4d5e6f' },
              { name: 'webhook-timestamp', in: 'header', required: true, schema: { type: 'string' }, description: 'Seconds since the epoch, of this attempt.' },
              {
                name: 'webhook-signature',
                in: 'header',
                required: true,
                schema: { type: 'string' },
                description: 'v1,<base64 HMAC-SHA256 of "id.timestamp.body">',
              },
            ],
            requestBody: { required: true, content: jsonContent({ $ref: '#/components/schemas/WebhookEvent' }) },
            responses: { '200': { description: 'Any 2xx: received. 408, 429 and 5xx are retried for about a day; other answers are not retried.' } },
          },
        },
      ]),
    ),
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'relm_<prefix>_<secret>', description: 'An API token from your profile page.' },
        queryToken: {
          type: 'apiKey',
          in: 'query',
          name: 'token',
          description: 'The same API token as a query parameter: accepted by /api/v1/calendar.ics only.',
        },
      },
      schemas: {
        ...components,
        WebhookEvent: {
          type: 'object',
          required: ['type', 'timestamp', 'data'],
          properties: {
            type: { type: 'string', enum: [...EVENT_TYPES] },
            timestamp: { type: 'string', format: 'date-time', description: 'When the event happened.' },
            data: {
              type: 'object',
              required: ['releaseKey', 'releaseTitle', 'status', 'environment', 'link'],
              properties: {
                releaseKey: { type: 'string', examples: ['REL-42'] },
                releaseTitle: { type: 'string' },
                status: { type: 'string', description: 'The release status after the event.' },
                environment: { type: ['string', 'null'], description: 'The environment of a deployment event, else null.' },
                link: { type: 'string', description: 'The page in Relm (absolute when RELM_PUBLIC_URL is set).' },
              },
              additionalProperties: true,
            },
          },
        },
      },
    },
  };
  return cached;
}
