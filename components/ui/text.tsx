import type { ReactNode } from 'react';
import { formatDateTime, shortDigest } from '@/components/format';
import { Nothing } from './empty-state';

/** Free text as typed: line breaks kept, long words wrapped. */
export function Prose({ text, empty }: { text: string | null | undefined; empty: ReactNode }) {
  if (!text?.trim()) return <Nothing>{empty}</Nothing>;
  return <p className="text-sm break-words whitespace-pre-line text-gray-900">{text}</p>;
}

/** A timestamp in a given zone, machine-readable too. */
export function When({
  iso,
  zone = 'UTC',
  weekday = false,
  empty = '—',
}: {
  iso: string | null | undefined;
  zone?: string;
  weekday?: boolean;
  empty?: string;
}) {
  if (!iso) return <span className="text-gray-700">{empty}</span>;
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {formatDateTime(iso, zone, { weekday })}
    </time>
  );
}

/** A sha256 shown short, with the full value available to copy and to assistive technology. */
export function Digest({ value, full }: { value: string | null | undefined; full?: boolean }) {
  if (!value) return <span className="text-gray-700">—</span>;
  if (full) return <code className="font-mono text-xs break-all text-gray-900">sha256:{value}</code>;
  return (
    <code className="font-mono text-xs text-gray-900" title={`sha256:${value}`}>
      {shortDigest(value)}
      <span className="sr-only"> (short form of sha256 {value})</span>
    </code>
  );
}
