// Work to do once a transaction has committed (and never if it rolls back): defineMutation
// (lib/server/action.ts) runs what was registered for its transaction after it commits.
// Best effort by design: a hook that fails is logged, and nothing a hook does may matter for
// correctness (the job engine's relay sends the outbox every minute anyway).

const hooks = new WeakMap<object, (() => unknown)[]>();

export function afterCommit(tx: object, fn: () => unknown): void {
  const list = hooks.get(tx) ?? [];
  if (!list.includes(fn)) list.push(fn);
  hooks.set(tx, list);
}

export function runAfterCommit(tx: object): void {
  const list = hooks.get(tx);
  hooks.delete(tx);
  for (const fn of list ?? []) {
    try {
      void Promise.resolve(fn()).catch((err: unknown) => console.warn('[relm] after-commit work failed', err));
    } catch (err) {
      console.warn('[relm] after-commit work failed', err);
    }
  }
}
