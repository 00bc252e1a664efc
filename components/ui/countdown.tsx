'use client';

import { useEffect, useState } from 'react';
import { countdownWords } from '@/lib/domain/gate-view';

// A live "opens in 2 h 14 min" (docs/decisions/051-calm-gates.md). The server renders the
// first text from its own clock (the test clock in tests), so it reads without JavaScript;
// once hydrated, the browser keeps counting from the server's instant, not its own clock.
// The words change at most once a minute and are not a live region: a screen reader hears
// them when it reads them. Only the moment the window opens is announced (politely).

const TICK_MS = 15_000;

export function Countdown({
  target,
  serverNow,
  opened = 'The window is open now: reload the page to deploy.',
}: {
  target: string;
  serverNow: string;
  opened?: string;
}) {
  const targetMs = Date.parse(target);
  const [left, setLeft] = useState(() => targetMs - Date.parse(serverNow));

  useEffect(() => {
    // the server's clock, carried forward by the browser's elapsed time
    const skew = Date.parse(serverNow) - Date.now();
    const tick = () => setLeft(targetMs - (Date.now() + skew));
    tick();
    const id = window.setInterval(tick, TICK_MS);
    return () => window.clearInterval(id);
  }, [targetMs, serverNow]);

  const open = left <= 0;
  return (
    <>
      {open ? null : <span data-countdown="">in {countdownWords(left)}</span>}
      <span role="status" aria-live="polite" className={open ? 'font-medium text-gray-900' : 'sr-only'}>
        {open ? opened : ''}
      </span>
    </>
  );
}
