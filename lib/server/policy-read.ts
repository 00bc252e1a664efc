import 'server-only';
import { parsePolicy, type PolicyDocument } from '@/lib/domain/policy';
import { db, type Tx } from './db';
import { conflict } from './errors';
import { sayer, type SayValue } from './say';

const say = sayer('server-policy-read');

// Reading the current release policy: the low module that both the policy's own
// reads and mutation (policy.ts) and everything deciding with the policy (risk
// level, approvals, transitions, scheduling, freezes) import. It imports no other
// feature module, so policy.ts can recompute risk levels without a cycle
// (docs/decisions/016-lint-imports-and-format.md).
// A stored document that does not parse is an error, never a silent fallback.

export interface CurrentPolicy {
  id: string;
  version: number;
  document: PolicyDocument;
  note: string;
  createdAt: Date;
  createdBy: { id: string; name: string; email: string } | null;
}

type Reader = Tx | Awaited<ReturnType<typeof db>>;

/** "a<sep>b<sep>c" as nested messages of this catalogue, so each item keeps its own language */
function joined(key: 'spaced' | 'semicolons', items: SayValue[]): SayValue {
  return items.length <= 1 ? (items[0] ?? '') : { key, values: { first: items[0]!, rest: joined(key, items.slice(1)) } };
}

/** "path: message message; path: message" (each message as said where it was said) */
function describeErrors(errors: Record<string, string[]>): SayValue {
  return joined(
    'semicolons',
    Object.entries(errors)
      .slice(0, 5)
      .map(([path, messages]) => ({
        key: 'error',
        values: {
          path,
          messages: joined(
            'spaced',
            messages.map((m) => ({ said: m })),
          ),
        },
      })),
  );
}

/** The latest stored policy row with its author, unparsed (null when none was ever saved). */
export async function latestPolicyRow(r: Reader) {
  return r.policyVersion.findFirst({ orderBy: { version: 'desc' }, include: { createdBy: { select: { id: true, name: true, email: true } } } });
}

/** A stored row as the current policy. Throws a clear refusal when its document does not parse. */
export function toCurrentPolicy(row: NonNullable<Awaited<ReturnType<typeof latestPolicyRow>>>): CurrentPolicy {
  const parsed = parsePolicy(row.document);
  if (!parsed.ok) {
    throw conflict(say('invalid', { version: row.version, errors: describeErrors(parsed.errors) }));
  }
  return { id: row.id, version: row.version, document: parsed.policy, note: row.note, createdAt: row.createdAt, createdBy: row.createdBy };
}

/** The latest policy version, or null when none was ever saved. Throws when the stored document is invalid. */
export async function findCurrentPolicy(tx?: Tx): Promise<CurrentPolicy | null> {
  const row = await latestPolicyRow(tx ?? (await db()));
  return row ? toCurrentPolicy(row) : null;
}

/** The latest policy version. Throws a clear refusal when there is none or it does not parse. */
export async function getCurrentPolicy(tx?: Tx): Promise<CurrentPolicy> {
  const current = await findCurrentPolicy(tx);
  if (!current) throw conflict(say('none'));
  return current;
}
