/**
 * Polls `condition` until it holds, for at most `timeoutMs`: for outcomes of another clock
 * (the job engine's, a server's), never to let Relm's own time pass (tests/support/clock.ts).
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (performance.now() > deadline) throw new Error(`the condition did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
