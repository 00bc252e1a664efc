'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

// A live "opens in 2 h 14 min" (docs/decisions/051-calm-gates.md). The server renders the
// first text from its own clock (the test clock in tests), so it reads without JavaScript;
// once hydrated, the browser keeps counting from the server's instant, not its own clock.
// The words change at most once a minute and are not a live region: a screen reader hears
// them when it reads them. Only the moment the window opens is announced (politely).

const TICK_MS = 15_000;

/** "in 2 days 3 h", "in 2 h 14 min", "in 14 min", "in less than a minute" (as lib/domain/gate-view.ts countdownWords counts). */
function useCountdownWords() {
  const t = useTranslations('ui.countdown');
  return (ms: number) => {
    if (ms < 60_000) return t('lessThanMinute');
    const minutes = Math.ceil(ms / 60_000);
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    if (days > 0) return hours ? t('daysHours', { days, hours }) : t('days', { days });
    if (hours > 0) return mins ? t('hoursMinutes', { hours, minutes: mins }) : t('hours', { hours });
    return t('minutes', { minutes: mins });
  };
}

export function Countdown({ target, serverNow, opened }: { target: string; serverNow: string; opened?: string }) {
  const t = useTranslations('ui.countdown');
  const words = useCountdownWords();
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
      {open ? null : <span data-countdown="">{words(left)}</span>}
      <span role="status" aria-live="polite" className={open ? 'font-medium text-gray-900' : 'sr-only'}>
        {open ? (opened ?? t('opened')) : ''}
      </span>
    </>
  );
}
