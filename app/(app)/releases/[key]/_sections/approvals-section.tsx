import Link from 'next/link';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import { ROLE_LABELS, type Role } from '@/lib/domain/permissions';
import { Badge } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Digest, When } from '@/components/ui/text';

const roleLabel = (role: string | null) => (role && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : role);

export function ApprovalsSection({
  r,
}: {
  r: Pick<ReleaseDetailDto, 'key' | 'status' | 'timezone' | 'approvalRequirements' | 'approvals'> & { package: { sealedDigest: string | null } | null };
}) {
  const currentDigest = r.package?.sealedDigest ?? null;
  return (
    <Section
      id="approvals"
      title="Approvals"
      count={r.approvals.length}
      actions={
        r.status === 'submitted' ? (
          <Link href={`/approvals/${r.key}`} className="link text-sm">
            Open the approval card
          </Link>
        ) : null
      }
    >
      <h3 className="mb-1 text-xs font-semibold text-gray-800">Required by the policy</h3>
      {r.approvalRequirements.length ? (
        <Table caption="Approval requirements and their progress" className="mb-4">
          <THead>
            <tr>
              <Th>Requirement</Th>
              <Th>From</Th>
              <Th>Progress</Th>
              <Th>State</Th>
            </tr>
          </THead>
          <TBody>
            {r.approvalRequirements.map((q) => (
              <Tr key={q.id}>
                <Td className="min-w-48">
                  {q.description}
                  <span className="block font-mono text-xs text-gray-700">{q.key}</span>
                </Td>
                <Td className="text-xs">
                  {[roleLabel(q.role), q.team].filter(Boolean).join(' · ') || 'Anyone eligible'}
                  {q.distinctTeams ? <span className="block text-gray-700">from different teams</span> : null}
                </Td>
                <Td className="whitespace-nowrap">
                  {Math.min(q.approvals, q.requiredCount)} of {q.requiredCount}
                </Td>
                <Td>{q.satisfiedAt ? <Badge tone="green">Satisfied</Badge> : <Badge tone="amber">Waiting</Badge>}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <div className="mb-4">
          <Nothing>No approval requirements yet: they are derived from the policy when the release is submitted.</Nothing>
        </div>
      )}
      <h3 className="mb-1 text-xs font-semibold text-gray-800">Decisions</h3>
      {r.approvals.length ? (
        <Table caption="Approval decisions, oldest first">
          <THead>
            <tr>
              <Th>Approver</Th>
              <Th>Decision</Th>
              <Th>Comment</Th>
              <Th>When</Th>
              <Th>Package digest</Th>
              <Th>Validity</Th>
            </tr>
          </THead>
          <TBody>
            {r.approvals.map((a) => (
              <Tr key={a.id} id={`approval-${a.id}`} className="scroll-mt-4 target:bg-yellow-50">
                <Td className="whitespace-nowrap">
                  {a.approver}
                  {a.requirement ? <span className="block font-mono text-xs text-gray-700">{a.requirement}</span> : null}
                </Td>
                <Td>{a.decision === 'approve' ? <Badge tone="green">Approved</Badge> : <Badge tone="red">Rejected</Badge>}</Td>
                <Td className="min-w-48 text-xs">{a.comment || <span className="text-gray-700">No comment</span>}</Td>
                <Td className="text-xs">
                  <When iso={a.createdAt} zone={r.timezone} />
                </Td>
                <Td>
                  <Digest value={a.packageDigest} />
                  {currentDigest && a.packageDigest !== currentDigest && !a.invalidatedAt ? (
                    <span className="block text-xs text-red-800">not the current seal</span>
                  ) : null}
                </Td>
                <Td className="text-xs">
                  {a.invalidatedAt ? (
                    <>
                      <Badge tone="stone">Invalidated</Badge>
                      <span className="block text-gray-700">
                        <When iso={a.invalidatedAt} zone={r.timezone} />
                        {a.invalidatedReason ? `: ${a.invalidatedReason}` : ''}
                      </span>
                    </>
                  ) : a.expiresAt ? (
                    <span>
                      valid until <When iso={a.expiresAt} zone={r.timezone} />
                    </span>
                  ) : (
                    <span>Valid</span>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <Nothing>No approval decisions yet.</Nothing>
      )}
    </Section>
  );
}
