import 'server-only';
import type { FieldErrors, GateResult } from '@/lib/domain/result';
import { sayer } from './say';

const say = sayer('server-errors');

// Expected refusals, thrown inside lib/server and turned into ActionResult values
// (or HTTP status codes) by the mutation wrapper and the API layer.

export class Refusal extends Error {
  constructor(
    readonly code: 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'stale' | 'gates' | 'rate_limited',
    message: string,
    readonly details: { fieldErrors?: FieldErrors; gates?: GateResult[] } = {},
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/** `what` is said by its module (`say('thatUser')` → "That user"), so the sentence has it in every language. */
export const notFound = (what: string) => new Refusal('not_found', say('notFound', { what: { said: what } }));
export const forbidden = (message: string) => new Refusal('forbidden', message);
export const conflict = (message: string, fieldErrors?: FieldErrors) => new Refusal('conflict', message, { fieldErrors });
export const invalid = (message: string, fieldErrors?: FieldErrors) => new Refusal('invalid', message, { fieldErrors });
export const stale = (message: string) => new Refusal('stale', message);

/** Prisma's "unique constraint failed" and friends, recognised without instanceof. */
export function prismaErrorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    const code = (err as { code: string }).code;
    return /^P\d{4}$/.test(code) ? code : undefined;
  }
  return undefined;
}

export const HTTP_STATUS: Record<Refusal['code'] | 'error', number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 409,
  gates: 422,
  rate_limited: 429,
  error: 500,
};
