import Link from 'next/link';
import { RiskBadge, StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { releaseHref } from '@/lib/domain/release-parts';
import type { TimelineGroup, TimelinePeriod } from '@/lib/domain/timeline';
import { windowText } from './timeline-format';

/** The chart as a table (its text alternative): one row per window, by group, in start order. */
export function TimelineList({ groups, period, groupLabel }: { groups: TimelineGroup[]; period: TimelinePeriod; groupLabel: string }) {
  const zone = period.timezone;
  return (
    <Table caption={`Release windows, ${period.title} (${zone}), by ${groupLabel.toLowerCase()}`}>
      <THead>
        <tr>
          <Th>{groupLabel}</Th>
          <Th>Release</Th>
          <Th>Environment</Th>
          <Th>Window</Th>
          <Th>Status</Th>
          <Th>Risk</Th>
          <Th>Conflicts and freezes</Th>
        </tr>
      </THead>
      <TBody>
        {groups.flatMap((g) =>
          g.rows
            .flatMap((row) => row.bars.map((b) => b.window))
            .sort((a, b) => a.start.localeCompare(b.start) || a.number - b.number)
            .map((w) => (
              <Tr key={`${g.key}|${w.id}`}>
                <Td>{g.label}</Td>
                <Td>
                  <Link href={releaseHref(w.key)} className="link font-medium">
                    {w.key}
                  </Link>{' '}
                  {w.title}
                </Td>
                <Td>{w.environment?.displayName ?? 'No environment yet'}</Td>
                <Td className="whitespace-nowrap">
                  {windowText(w.start, w.end, zone)}
                  {w.source === 'planned' ? <span className="text-gray-700"> (planned)</span> : null}
                </Td>
                <Td>
                  <StatusBadge status={w.status} />
                </Td>
                <Td>
                  <RiskBadge level={w.riskLevel} />
                </Td>
                <Td>
                  {w.conflictsWith.length ? (
                    <span className="text-red-800">
                      <span aria-hidden="true">⚑ </span>Conflicts with {w.conflictsWith.join(', ')}
                    </span>
                  ) : null}
                  {w.conflictsWith.length && w.inFreezes.length ? '; ' : null}
                  {w.inFreezes.length ? (
                    <span>
                      <span aria-hidden="true">❄ </span>In freeze {w.inFreezes.join(', ')}
                    </span>
                  ) : null}
                  {!w.conflictsWith.length && !w.inFreezes.length ? <span className="text-gray-700">None</span> : null}
                </Td>
              </Tr>
            )),
        )}
      </TBody>
    </Table>
  );
}
