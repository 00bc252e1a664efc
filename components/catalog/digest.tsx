import { useTranslations } from 'next-intl';
import { CopyButton } from './copy-button';

/**
 * A sha256 digest in full, monospace, selectable with one click (select-all) and
 * with a copy button; `short` shows the first 12 characters with the full value
 * in the title.
 */
export function Digest({ value, short, label }: { value: string; short?: boolean; label?: string }) {
  const t = useTranslations('catalog.digest');
  const prefixed = `sha256:${value}`;
  if (short) {
    return (
      <code className="font-mono text-xs text-gray-800" title={prefixed}>
        {value.slice(0, 12)}
      </code>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      <code className="rounded bg-gray-100 px-1.5 py-0.5 font-mono text-xs break-all text-gray-900 select-all">{prefixed}</code>
      <CopyButton value={prefixed} label={label ?? t('copyLabel')} />
    </span>
  );
}
