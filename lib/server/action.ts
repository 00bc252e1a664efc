import 'server-only';
import { runAfterCommit } from './after-commit';
import { type z } from 'zod';
import type { ActionResult, Failure, FieldErrors } from '@/lib/domain/result';
import type { Permission } from '@/lib/domain/permissions';
import { db, type Db, type Tx } from './db';
import { appendAudits, type AuditInput, type PendingAudit } from './audit';
import { now } from './clock';
import { assertCan } from './authz';
import { prismaErrorCode, Refusal } from './errors';
import { log } from './log';
import { currentRequestMeta, newRequestId } from './request-meta';
import type { Actor, RequestMeta } from './actor';
import type { Locale } from '@/lib/domain/locale';
import { localizeFailure, sayer } from './say';

const say = sayer('server-action');

// Every mutation is defined with defineMutation, so none can skip a step:
// caller resolved → permission checked → input validated with zod → one
// transaction that must write at least one audit event → typed result.

export interface MutationContext<I> {
  tx: Tx;
  actor: Actor;
  input: I;
  meta: RequestMeta;
  /** append an audit event in this transaction */
  audit(event: AuditInput): Promise<void>;
  /** declare that this call changed nothing, so it needs no audit event */
  noChange(): void;
}

/**
 * For a mutation of one release that only the people who manage it may make
 * (lib/server/release-managers.ts, docs/decisions/039-who-may-edit-a-release.md): finds the
 * release the input names and refuses an actor who does not manage it. Resolves the release's
 * id, or null when the input names none that exists.
 */
export type ReleaseGuard = (client: Db | Tx, actor: Actor, input: unknown) => Promise<string | null>;

export interface Mutation<S extends z.ZodType, T> {
  /** As the signed-in person of the current request (server actions). */
  (raw: unknown): Promise<ActionResult<T>>;
  /** As a given actor (API tokens, command line, tests). Never exported as a server action. */
  as(actor: Actor | null, meta?: Partial<RequestMeta>): (raw: unknown) => Promise<ActionResult<T>>;
  /**
   * For server actions that must read or check form input themselves before calling the
   * mutation: the signed-in person's refusal (signed out, or lacking the permission), or null.
   * Call it first, so nobody who may not do this learns how their input would have been judged.
   * Given the raw input of a release manager's mutation of one release, it also refuses someone
   * who does not manage that release.
   */
  refusal(raw?: unknown): Promise<Failure | null>;
  readonly mutationName: string;
  readonly permission: Permission;
  readonly schema: S;
  /** set for the mutations only the people who manage the release may make */
  readonly releaseScoped: boolean;
}

export const mutationRegistry: Mutation<z.ZodType, unknown>[] = [];

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** A UTF-16 surrogate without its partner: not a character, and not storable as UTF-8. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const NUL_MESSAGE = say('nul');
export const LONE_SURROGATE_MESSAGE = say('loneSurrogate');

/**
 * Strings PostgreSQL cannot store as they are: a NUL is refused by the database
 * (a 500), a lone surrogate silently becomes U+FFFD. Both are refused here with
 * a message on the field, keyed by the field's path.
 */
export function unstorableText(value: unknown, path: string[] = [], out: Record<string, string[]> = {}): Record<string, string[]> {
  if (typeof value === 'string') {
    const at = path.join('.') || '_form';
    if (value.includes('\u0000')) (out[at] ??= []).push(NUL_MESSAGE);
    if (LONE_SURROGATE.test(value)) (out[at] ??= []).push(LONE_SURROGATE_MESSAGE);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unstorableText(v, [...path, String(i)], out));
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) unstorableText(v, [...path, k], out);
  }
  return out;
}

export function defineMutation<S extends z.ZodType, T>(def: {
  name: string;
  permission: Permission;
  input: S;
  run: (ctx: MutationContext<z.output<S>>) => Promise<T>;
  /**
   * The release this mutation changes, for mutations only the people who manage it may make:
   * checked after the permission, in the mutation's transaction, before the input is judged
   * (and again on the validated input when the raw input named no release).
   */
  release?: ReleaseGuard;
  /** resolves the signed-in actor; injected to keep this module free of next-auth */
  resolveActor?: () => Promise<Actor | null>;
}): Mutation<S, T> {
  type Validated = { ok: true; data: z.output<S> } | { ok: false; failure: Failure };
  const validate = (raw: unknown): Validated => {
    const parsed = def.input.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, failure: { ok: false, code: 'invalid', message: say('fieldsNeedAttention'), fieldErrors: fieldErrorsOf(parsed.error) } };
    }
    const broken = unstorableText(parsed.data);
    if (Object.keys(broken).length) {
      return {
        ok: false,
        failure: {
          ok: false,
          code: 'invalid',
          message: say('fieldsNeedAttention'),
          fieldErrors: Object.fromEntries(Object.entries(broken).map(([p, m]) => [p, [...new Set(m)]])),
        },
      };
    }
    return { ok: true, data: parsed.data as z.output<S> };
  };

  const execute = async (actor: Actor | null, raw: unknown, meta: RequestMeta): Promise<ActionResult<T>> => {
    try {
      assertCan(actor, def.permission);
      // release-scoped mutations judge their input inside the transaction, after the release check
      const validated = def.release ? null : validate(raw);
      if (validated && !validated.ok) return validated.failure;
      const prisma = await db();
      let committed: object | undefined;
      // the API token's use that caused this, written with this mutation's events (decision 062);
      // claimed for good, so that no other mutation of the request writes it too (where this one
      // rolls back, lib/server/api.ts writes it on its own after the handler)
      const use = meta.tokenUse && !meta.tokenUse.written && !meta.tokenUse.claimed ? meta.tokenUse : undefined;
      if (use) use.claimed = true;
      const data = await prisma.$transaction(async (tx) => {
        let input: z.output<S>;
        if (validated) input = validated.data;
        else {
          const checked = await def.release!(tx, actor, raw);
          const v = validate(raw);
          if (!v.ok) throw new Refusal('invalid', v.failure.message, { fieldErrors: v.failure.fieldErrors });
          input = v.data;
          // the raw input named no release the guard could find: check what the validated input names
          if (checked === null) await def.release!(tx, actor, input);
        }
        // gathered, and written together when the mutation is done: two statements for all of
        // them (and the token's use) instead of two each
        const events: PendingAudit[] = [];
        let unchanged = false;
        const result = await def.run({
          tx,
          actor,
          input,
          meta,
          audit: async (event) => {
            events.push({ actor, event, at: now() });
          },
          noChange: () => {
            unchanged = true;
          },
        });
        if (events.length === 0 && !unchanged) throw new Error(`mutation ${def.name} wrote no audit event`);
        await appendAudits(tx, meta, use ? [use, ...events] : events);
        committed = tx;
        return result;
      });
      if (use) use.written = true;
      if (committed) runAfterCommit(committed);
      return { ok: true, data };
    } catch (err) {
      if (err instanceof Refusal) {
        return { ok: false, code: err.code, message: err.message, fieldErrors: err.details.fieldErrors, gates: err.details.gates };
      }
      const code = prismaErrorCode(err);
      if (code === 'P2002') {
        return { ok: false, code: 'conflict', message: say('alreadyExists') };
      }
      if (code === 'P2025') {
        return { ok: false, code: 'not_found', message: say('noLongerExists') };
      }
      log().error({ err, requestId: meta.requestId, mutation: def.name }, `${def.name} failed`);
      return {
        ok: false,
        code: 'error',
        message: say('unexpected', { requestId: meta.requestId }),
        requestId: meta.requestId,
      };
    }
  };

  const resolveActor = async () => (def.resolveActor ?? (await import('./session')).currentUser)();
  // the signed-in person's refusals in their language (lib/server/say.ts); `.as()` answers in English
  const mutation = (async (raw: unknown) => {
    const result = await execute(await resolveActor(), raw, await currentRequestMeta());
    return result.ok ? result : localizeFailure(result, await readerLocale());
  }) as Mutation<S, T>;
  Object.defineProperties(mutation, {
    refusal: {
      value: async (raw?: unknown): Promise<Failure | null> => {
        try {
          const actor = await resolveActor();
          assertCan(actor, def.permission);
          if (def.release && raw !== undefined) await def.release(await db(), actor, raw);
          return null;
        } catch (err) {
          if (err instanceof Refusal) return localizeFailure<Failure>({ ok: false, code: err.code, message: err.message }, await readerLocale());
          throw err;
        }
      },
    },
    as: {
      value: (actor: Actor | null, meta?: Partial<RequestMeta>) => (raw: unknown) =>
        execute(actor, raw, {
          requestId: meta?.requestId ?? newRequestId(),
          ip: meta?.ip ?? null,
          clientRequestId: meta?.clientRequestId ?? null,
          tokenUse: meta?.tokenUse,
        }),
    },
    mutationName: { value: def.name },
    permission: { value: def.permission },
    schema: { value: def.input },
    releaseScoped: { value: !!def.release },
  });
  mutationRegistry.push(mutation as unknown as Mutation<z.ZodType, unknown>);
  return mutation;
}

/** The language of the person making this request; English outside a request (jobs, scripts). */
export async function readerLocale(): Promise<Locale> {
  try {
    return await (await import('./request-locale')).currentLocale();
  } catch {
    return 'en';
  }
}
