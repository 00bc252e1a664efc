import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { RiskBadge, TypeBadge } from '@/components/ui/status-badge';
import { When } from '@/components/ui/text';
import type { InboxItem } from '@/lib/server/approvals';

// The approver's first panel: the same items as /approvals' table, as cards that fit the
// dashboard's column at any width (the table cut off its Submitted column at 1440 px).

export function ApprovalCards({ items }: { items: InboxItem[] }) {
  const t = useTranslations('dashboard.approvals');
  return (
    <ul aria-label={t('list')} className="space-y-2">
      {items.map((r) => (
        <li key={r.key} className="rounded-md border border-gray-200 bg-white p-3">
          <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
            <p className="min-w-0">
              <Link href={`/approvals/${r.key}`} className="link font-mono text-xs font-semibold">
                {r.key}
              </Link>{' '}
              <span className="text-sm break-words text-gray-900">{r.title}</span>
            </p>
            <Link
              href={`/approvals/${r.key}`}
              className="inline-flex min-h-8 items-center rounded-md bg-blue-700 px-3 text-sm font-medium text-white hover:bg-blue-800"
            >
              {t.rich('decide', { key: r.key, sr: (c) => <span className="sr-only">{c}</span> })}
            </Link>
          </div>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-gray-700">
            <TypeBadge type={r.type} />
            <RiskBadge level={r.riskLevel} />
            <span>{t('owner', { owner: r.owner })}</span>
            <span>{t.rich('submitted', { at: () => <When iso={r.submittedAt} empty="—" /> })}</span>
          </p>
          <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-xs sm:grid-cols-2">
            <div>
              <dt className="font-medium text-gray-900">{t('stillNeeded')}</dt>
              <dd className="text-gray-800">{r.missing.length ? r.missing.join('; ') : t('noOpenRequirements')}</dd>
            </div>
            <div>
              <dt className="font-medium text-gray-900">{t('youCountFor')}</dt>
              <dd className="text-gray-800">{r.youCountFor.length ? r.youCountFor.join('; ') : '—'}</dd>
            </div>
          </dl>
          {r.confirmBy ? <p className="mt-1 text-xs font-medium text-red-800">{t.rich('confirmBy', { at: () => <When iso={r.confirmBy} /> })}</p> : null}
          {r.nextExpiry ? <p className="mt-1 text-xs text-gray-700">{t.rich('firstExpires', { at: () => <When iso={r.nextExpiry} /> })}</p> : null}
        </li>
      ))}
    </ul>
  );
}
