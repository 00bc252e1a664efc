'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';

/**
 * Keyboard shortcuts for the calendar: "n" next period, "p" previous, "t" today
 * (ignored while typing in a field or with a modifier key), and an offer to
 * show the calendar in the browser's own time zone when it differs.
 */
export function CalendarKeys({ prev, next, today, zone, zoneHref }: { prev: string; next: string; today: string; zone: string; zoneHref: string }) {
  const router = useRouter();
  const t = useTranslations('calendar.keys');
  const [browserZone, setBrowserZone] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(t.tagName))) return;
      const href = e.key === 'n' ? next : e.key === 'p' ? prev : e.key === 't' ? today : null;
      if (href) {
        e.preventDefault();
        router.push(href);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router, prev, next, today]);

  useEffect(() => {
    try {
      const z = Intl.DateTimeFormat().resolvedOptions().timeZone;
      // reading the browser's zone is only possible after hydration
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (z && z !== zone) setBrowserZone(z);
    } catch {
      /* no zone: nothing to offer */
    }
  }, [zone]);

  return (
    <p className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700">
      <span>{t.rich('help', { kbd: (chunks) => <kbd className="rounded border border-gray-300 bg-white px-1">{chunks}</kbd> })}</span>
      {browserZone ? (
        <Link href={`${zoneHref}${zoneHref.includes('?') ? '&' : '?'}timezone=${encodeURIComponent(browserZone)}`} className="link">
          {t('browserZone', { zone: browserZone })}
        </Link>
      ) : null}
    </p>
  );
}
