import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import { formatMinutes } from '@/components/format';

export function PlanSection({ r }: { r: ReleaseDetailDto }) {
  const total = r.tasks.reduce((n, t) => n + t.estimateMinutes, 0);
  return (
    <Section id="plan" title="Plan tasks" count={r.tasks.length} bare>
      {r.tasks.length ? (
        <Table
          caption="Plan tasks in order"
          footer={<p className="border-t border-gray-200 px-3 py-2 text-xs text-gray-700">Estimated work in total: {formatMinutes(total)} (tasks may run in parallel).</p>}
        >
          <THead>
            <tr>
              <Th className="w-10">#</Th>
              <Th>Task</Th>
              <Th>Owner</Th>
              <Th>Estimate</Th>
              <Th>Depends on</Th>
              <Th>Started</Th>
              <Th>Finished</Th>
            </tr>
          </THead>
          <TBody>
            {r.tasks.map((t, i) => (
              <Tr key={t.id}>
                <Td className="text-gray-700">{i + 1}</Td>
                <Td className="min-w-48 font-medium">{t.name}</Td>
                <Td className="whitespace-nowrap">{t.owner ?? <span className="font-medium text-red-800">No owner</span>}</Td>
                <Td className="whitespace-nowrap">{formatMinutes(t.estimateMinutes)}</Td>
                <Td className="text-xs">{t.dependsOn.length ? t.dependsOn.join(', ') : <span className="text-gray-700">Nothing</span>}</Td>
                <Td className="text-xs">
                  <When iso={t.actualStart} zone={r.timezone} empty="Not started" />
                </Td>
                <Td className="text-xs">
                  <When iso={t.actualFinish} zone={r.timezone} empty="Not finished" />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <div className="rounded-md border border-gray-200 bg-white p-3">
          <Nothing>No plan tasks yet.</Nothing>
        </div>
      )}
    </Section>
  );
}
