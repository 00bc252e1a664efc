import Link from 'next/link';
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
  return (
    <Table
      caption="Submitted releases waiting for my decision, oldest submission first"
      footer={<p className="border-t border-gray-200 px-3 py-1.5 text-xs text-gray-700">Times in UTC.</p>}
    >
      <THead>
        <tr>
          <Th>Release</Th>
          <Th>Type</Th>
          <Th>Risk</Th>
          <Th>Still needed</Th>
          <Th>You count for</Th>
          <Th>Owner</Th>
          <Th>Submitted</Th>
          <Th>
            <span className="sr-only">Action</span>
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
                'No open requirements'
              )}
              {r.confirmBy ? (
                <span className="mt-1 block font-medium text-red-800">
                  Emergency: confirm by <When iso={r.confirmBy} />
                </span>
              ) : null}
              {r.nextExpiry ? (
                <span className="mt-1 block text-gray-700">
                  First approval expires <When iso={r.nextExpiry} />
                </span>
              ) : null}
            </Td>
            <Td className="min-w-32 text-xs">{r.youCountFor.length ? r.youCountFor.join('; ') : '—'}</Td>
            <Td className="text-xs whitespace-nowrap">{r.owner}</Td>
            <Td className="text-xs">
              <When iso={r.submittedAt} empty="—" />
            </Td>
            <Td>
              <Link href={`/approvals/${r.key}`} className="link text-sm whitespace-nowrap">
                Decide<span className="sr-only"> on {r.key}</span>
              </Link>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

const STATE: Record<MyDecisionDto['state'], { label: string; tone: 'green' | 'amber' | 'stone' }> = {
  valid: { label: 'Counts', tone: 'green' },
  expired: { label: 'Expired', tone: 'amber' },
  invalidated: { label: 'No longer counts', tone: 'stone' },
};

export function RecentDecisions({ decisions }: { decisions: MyDecisionDto[] }) {
  return (
    <Table caption="My recent approval decisions, newest first">
      <THead>
        <tr>
          <Th>Release</Th>
          <Th>My decision</Th>
          <Th>When</Th>
          <Th>Comment</Th>
          <Th>Now</Th>
          <Th>Release status</Th>
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
            <Td>{d.decision === 'approve' ? <Badge tone="green">Approved</Badge> : <Badge tone="red">Rejected</Badge>}</Td>
            <Td className="text-xs">
              <When iso={d.at} zone={d.release.timezone} />
            </Td>
            <Td className="max-w-sm min-w-40 text-xs break-words">{d.comment || <span className="text-gray-700">No comment</span>}</Td>
            <Td className="min-w-40 text-xs">
              <Badge tone={STATE[d.state].tone}>{STATE[d.state].label}</Badge>
              {d.invalidatedReason ? <span className="mt-0.5 block text-gray-700">{d.invalidatedReason}</span> : null}
              {d.state === 'valid' && d.expiresAt ? (
                <span className="mt-0.5 block text-gray-700">
                  until <When iso={d.expiresAt} zone={d.release.timezone} />
                </span>
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
