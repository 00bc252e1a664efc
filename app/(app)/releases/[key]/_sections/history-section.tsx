import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { StatusBadge } from '@/components/ui/status-badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';

export function HistorySection({ r }: { r: Pick<ReleaseDetailDto, 'timezone' | 'transitions'> }) {
  return (
    <Section id="history" title="Status history" count={r.transitions.length} bare>
      {r.transitions.length ? (
        <Table caption="Status transitions, oldest first">
          <THead>
            <tr>
              <Th>From</Th>
              <Th>To</Th>
              <Th>By</Th>
              <Th>When</Th>
              <Th>Reason</Th>
            </tr>
          </THead>
          <TBody>
            {r.transitions.map((t) => (
              <Tr key={t.id}>
                <Td>
                  <StatusBadge status={t.from} />
                </Td>
                <Td>
                  <StatusBadge status={t.to} />
                </Td>
                <Td className="whitespace-nowrap">{t.actor ?? <span className="text-gray-700">System</span>}</Td>
                <Td className="text-xs">
                  <When iso={t.at} zone={r.timezone} />
                </Td>
                <Td className="min-w-48 text-xs">{t.reason || <span className="text-gray-700">—</span>}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <div className="rounded-md border border-gray-200 bg-white p-3">
          <Nothing>No status changes yet: the release is still in its first status.</Nothing>
        </div>
      )}
    </Section>
  );
}
