// The shape every mutation returns. Expected failures are values, not exceptions.

export interface GateResult {
  /** stable rule id, e.g. "package.sealed" */
  rule: string;
  passed: boolean;
  /** why it passed or failed, in words a release manager understands */
  why: string;
  /** what would satisfy it (failed gates only) */
  fix?: string;
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
