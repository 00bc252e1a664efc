import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { formatWhen, otherZoneNote, shortDigest } from '@/components/format';
import { currentViewer } from '@/lib/server/viewer';
import { Nothing } from './empty-state';

/** Free text as typed: line breaks kept, long words wrapped. */
export function Prose({ text, empty }: { text: string | null | undefined; empty: ReactNode }) {
  if (!text?.trim()) return <Nothing>{empty}</Nothing>;
  return <p className="text-sm break-words whitespace-pre-line text-gray-900">{text}</p>;
}

/**
 * A moment in the viewer's time zone with the zone named ("Tue 8 Dec 2026, 10:00 CET"), read once
 * per request from the signed-in person's Profile. `zone` is the record's own zone (a release's
 * window zone): shown quietly beside it where its wall clock differs.
 */
export async function When({
  iso,
  zone,
  weekday = false,
  empty = '—',
}: {
  iso: string | null | undefined;
  zone?: string | null;
  weekday?: boolean;
  empty?: string;
}) {
  if (!iso) return <span className="text-gray-700">{empty}</span>;
  const viewer = await currentViewer();
  const note = otherZoneNote(iso, viewer, zone);
  return (
    <>
      <time dateTime={iso} className="whitespace-nowrap">
        {formatWhen(iso, viewer, { weekday })}
      </time>
      {note ? <span className="text-gray-700"> ({note})</span> : null}
    </>
  );
}

/** A sha256 shown short, with the full value available to copy and to assistive technology. */
export function Digest({ value, full }: { value: string | null | undefined; full?: boolean }) {
  const t = useTranslations('ui.digest');
  if (!value) return <span className="text-gray-700">—</span>;
  if (full) return <code className="font-mono text-xs break-all text-gray-900">{t('full', { value })}</code>;
  return (
    <code className="font-mono text-xs text-gray-900" title={t('full', { value })}>
      {shortDigest(value)}
      <span className="sr-only"> {t('shortForm', { value })}</span>
    </code>
  );
}
