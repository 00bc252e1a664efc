import type { ReactNode } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/catalog/copy-button';

/** How to subscribe to the iCalendar feed from a calendar program. */
export function CalendarSubscribe({ feedUrl }: { feedUrl: string }) {
  const t = useTranslations('calendar.subscribe');
  const code = (chunks: ReactNode) => <code className="rounded bg-gray-100 px-1">{chunks}</code>;
  return (
    <details className="mt-3 rounded-md border border-gray-200 bg-white p-3 text-sm">
      <summary className="font-semibold text-gray-900">{t('heading')}</summary>
      <div className="mt-2 space-y-2 text-gray-800">
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            {t.rich('stepToken', {
              scope: 'release.read',
              profile: (chunks) => (
                <Link href="/profile" className="link">
                  {chunks}
                </Link>
              ),
              code,
            })}
          </li>
          <li>{t.rich('stepCopy', { placeholder: 'YOUR_TOKEN', code })}</li>
        </ol>
        <div className="flex flex-wrap items-center gap-2">
          <code className="block max-w-full overflow-x-auto rounded border border-gray-200 bg-gray-50 px-2 py-1 font-mono text-xs break-all">{feedUrl}</code>
          <CopyButton value={feedUrl} label={t('copyLabel')} />
        </div>
        <p>{t('add')}</p>
        <p className="text-xs text-gray-700">{t.rich('private', { header: 'Authorization: Bearer', code: (chunks) => <code>{chunks}</code> })}</p>
      </div>
    </details>
  );
}
