import Link from 'next/link';
import type { PolicyVersionSummaryDto } from '@/lib/server/policy';
import { Badge } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';

/** Every version of the policy: who, when, why and what changed. */
export function PolicyHistory({ versions }: { versions: PolicyVersionSummaryDto[] }) {
  if (!versions.length) return <Nothing>No policy version has been saved yet.</Nothing>;
  return (
    <Table caption="Policy versions, newest first">
      <THead>
        <tr>
          <Th>Version</Th>
          <Th>Saved</Th>
          <Th>By</Th>
          <Th>Why</Th>
          <Th>What changed</Th>
        </tr>
      </THead>
      <TBody>
        {versions.map((v, i) => (
          <Tr key={v.version}>
            <Td className="whitespace-nowrap">
              <Link href={`/policy/${v.version}`} className="link font-medium">
                Version {v.version}
              </Link>
              {i === 0 ? (
                <Badge tone="green" className="ml-1.5">
                  current
                </Badge>
              ) : null}
              {!v.valid ? (
                <Badge tone="red" className="ml-1.5">
                  invalid
                </Badge>
              ) : null}
            </Td>
            <Td>
              <When iso={v.createdAt} />
            </Td>
            <Td className="whitespace-nowrap">{v.createdBy ?? <span className="text-gray-700">Relm</span>}</Td>
            <Td className="min-w-48 text-xs break-words whitespace-pre-line">{v.note || <span className="text-gray-700">—</span>}</Td>
            <Td className="min-w-64 text-xs">
              {v.changes.length ? (
                <ul className="list-disc space-y-0.5 pl-4">
                  {v.changes.slice(0, 12).map((c, j) => (
                    <li key={j}>{c}</li>
                  ))}
                  {v.changes.length > 12 ? <li>and {v.changes.length - 12} more</li> : null}
                </ul>
              ) : (
                <span className="text-gray-700">{i === versions.length - 1 ? 'First version' : 'No differences'}</span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
