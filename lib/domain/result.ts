// The shape every mutation returns. Expected failures are values, not exceptions.

/**
 * A sentence of a message catalogue with its values (docs/decisions/058-words-from-the-domain.md):
 * `key` is a key of the `gates` catalogue.
 */
export interface MessageRef {
  key: string;
  values?: Record<string, MessageValue>;
}

/**
 * A value inside a sentence: text or a number as is (names, keys, counts), a word of the
 * `statuses` catalogue (`{ term: 'releaseWord.draft' }`), a list formatted in the reader's
 * language (`{ list, max, conjunction }`: "a, b and c", "a or b", or clauses "a; b; and 2 more"), or
 * another sentence of the `gates` catalogue.
 */
export type MessageValue = string | number | { term: string } | { list: MessageValue[]; max?: number; conjunction?: 'and' | 'or' | 'semicolon' } | MessageRef;

export interface GateResult {
  /** stable rule id, e.g. "package.sealed" */
  rule: string;
  passed: boolean;
  /** why it passed or failed, in words a release manager understands (English) */
  why: string;
  /** what would satisfy it (failed gates only) (English) */
  fix?: string;
  /** the same sentences as messages of the `gates` catalogue, for the reader's language; why/fix are their English */
  words?: { why: MessageRef; fix?: MessageRef };
}

export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'stale' | 'gates' | 'rate_limited' | 'error';
      message: string;
      fieldErrors?: FieldErrors;
      gates?: GateResult[];
      requestId?: string;
    };

export type Failure = Extract<ActionResult<never>, { ok: false }>;
