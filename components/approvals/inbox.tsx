import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { InboxItem } from '@/lib/server/approvals';
import type { MyDecisionDto } from '@/lib/server/approval-history';
import { Badge } from '@/components/ui/badge';
import { RiskBadge, StatusBadge, TypeBadge } from '@/components/ui/status-badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';

// The approver's inbox: releases waiting for their decision, oldest submission
// first, each leading to its approval card; and what they decided recently.

/** Oldest submission first; never-submitted (should not happen) last. */
export function oldestFirst(items: InboxItem[]): InboxItem[] {
  return [...items].sort((a, b) => (a.submittedAt ?? '9999').localeCompare(b.submittedAt ?? '9999') || a.key.localeCompare(b.key, 'en', { numeric: true }));
}

export function InboxTable({ items }: { items: InboxItem[] }) {
  const t = useTranslations('approvals.inbox.table');
  return (
    <Table caption={t('caption')} footer={<p className="border-t border-gray-200 px-3 py-1.5 text-xs text-gray-700">{t('timesInUtc')}</p>}>
      <THead>
        <tr>
          <Th>{t('release')}</Th>
          <Th>{t('type')}</Th>
          <Th>{t('risk')}</Th>
          <Th>{t('stillNeeded')}</Th>
          <Th>{t('youCountFor')}</Th>
          <Th>{t('owner')}</Th>
          <Th>{t('submitted')}</Th>
          <Th>
            <span className="sr-only">{t('action')}</span>
          </Th>
        </tr>
      </THead>
      <TBody>
        {items.map((r) => (
          <Tr key={r.key}>
            <Td className="min-w-48">
              <Link href={`/approvals/${r.key}`} className="link font-mono text-xs font-semibold">
                {r.key}
              </Link>
              <span className="block text-sm text-gray-900">{r.title}</span>
            </Td>
            <Td>
              <TypeBadge type={r.type} />
            </Td>
            <Td>
              <RiskBadge level={r.riskLevel} />
            </Td>
            <Td className="min-w-40 text-xs">
              {r.missing.length ? (
                <ul className="space-y-0.5">
                  {r.missing.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              ) : (
                t('noOpenRequirements')
              )}
              {r.confirmBy ? (
                <span className="mt-1 block font-medium text-red-800">{t.rich('emergencyConfirmBy', { when: () => <When iso={r.confirmBy} /> })}</span>
              ) : null}
              {r.nextExpiry ? <span className="mt-1 block text-gray-700">{t.rich('firstExpiry', { when: () => <When iso={r.nextExpiry} /> })}</span> : null}
            </Td>
            <Td className="min-w-32 text-xs">{r.youCountFor.length ? r.youCountFor.join('; ') : '—'}</Td>
            <Td className="text-xs whitespace-nowrap">{r.owner}</Td>
            <Td className="text-xs">
              <When iso={r.submittedAt} empty="—" />
            </Td>
            <Td>
              <Link href={`/approvals/${r.key}`} className="link text-sm whitespace-nowrap">
                {t.rich('decide', { key: r.key, sr: (c) => <span className="sr-only">{c}</span> })}
              </Link>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

const STATE_TONE: Record<MyDecisionDto['state'], 'green' | 'amber' | 'stone'> = {
  valid: 'green',
  expired: 'amber',
  invalidated: 'stone',
};

export function RecentDecisions({ decisions }: { decisions: MyDecisionDto[] }) {
  const t = useTranslations('approvals.inbox.recent');
  return (
    <Table caption={t('caption')}>
      <THead>
        <tr>
          <Th>{t('release')}</Th>
          <Th>{t('myDecision')}</Th>
          <Th>{t('when')}</Th>
          <Th>{t('comment')}</Th>
          <Th>{t('now')}</Th>
          <Th>{t('releaseStatus')}</Th>
        </tr>
      </THead>
      <TBody>
        {decisions.map((d) => (
          <Tr key={d.id}>
            <Td className="min-w-48">
              <Link href={`/approvals/${d.release.key}`} className="link font-mono text-xs font-semibold">
                {d.release.key}
              </Link>
              <span className="block text-sm text-gray-900">{d.release.title}</span>
            </Td>
            <Td>{d.decision === 'approve' ? <Badge tone="green">{t('approved')}</Badge> : <Badge tone="red">{t('rejected')}</Badge>}</Td>
            <Td className="text-xs">
              <When iso={d.at} zone={d.release.timezone} />
            </Td>
            <Td className="max-w-sm min-w-40 text-xs break-words">{d.comment || <span className="text-gray-700">{t('noComment')}</span>}</Td>
            <Td className="min-w-40 text-xs">
              <Badge tone={STATE_TONE[d.state]}>{t(`states.${d.state}`)}</Badge>
              {d.invalidatedReason ? <span className="mt-0.5 block text-gray-700">{d.invalidatedReason}</span> : null}
              {d.state === 'valid' && d.expiresAt ? (
                <span className="mt-0.5 block text-gray-700">{t.rich('until', { when: () => <When iso={d.expiresAt} zone={d.release.timezone} /> })}</span>
              ) : null}
            </Td>
            <Td>
              <StatusBadge status={d.release.status} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
