'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from './button';

/**
 * A secret Relm shows once (an API token, a webhook signing secret): selected and focused on
 * arrival, with Copy, an example of its use, and "I have saved it" to put it away.
 */
export function ShownOnce({
  id,
  title,
  note,
  label,
  value,
  exampleIntro,
  example,
  exampleLabel,
  onDone,
}: {
  /** prefix of the element ids, e.g. "new-token" */
  id: string;
  title: ReactNode;
  note: ReactNode;
  label: ReactNode;
  value: string;
  exampleIntro: ReactNode;
  example: string;
  exampleLabel: string;
  onDone: () => void;
}) {
  const t = useTranslations('ui.shownOnce');
  const ref = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, [value]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      ref.current?.select();
      setCopied('failed');
    }
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <h3 id={`${id}-heading`} className="text-sm font-semibold text-amber-950">
        {title}
      </h3>
      <p className="mt-1 text-xs text-amber-950">{note}</p>
      <label htmlFor={id} className="mt-2 block text-xs font-medium text-amber-950">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          ref={ref}
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className="h-8 min-w-0 flex-1 rounded-md border border-amber-400 bg-white px-2 font-mono text-xs text-gray-900"
        />
        <Button variant="secondary" size="sm" onClick={copy}>
          {t('copy')}
        </Button>
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-amber-950">
        {copied === 'copied' ? t('copied') : copied === 'failed' ? t('copyFailed') : ''}
      </p>
      <p className="mt-2 text-xs text-amber-950">{exampleIntro}</p>
      <pre tabIndex={0} aria-label={exampleLabel} className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs text-gray-900 ring-1 ring-amber-300">
        {example}
      </pre>
      <div className="mt-2">
        <Button variant="secondary" size="sm" onClick={onDone}>
          {t('done')}
        </Button>
      </div>
    </section>
  );
}
