import type { Metadata } from 'next';
import { formatDateTime, plural } from '@/components/format';
import { ReleaseTable } from '@/components/releases/release-table';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listApprovalQueue } from '@/lib/server/releases';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Approvals' };

export default async function ApprovalsPage() {
  const user = await requireUser();
  const queue = await guard(() => listApprovalQueue(user));
  if (!queue.ok) return <AccessDenied title="Approvals" reason={queue.message} />;
  const { total, items } = queue.value;

  return (
    <>
      <PageHeader
        title="Approvals"
        description={`${plural(total, 'submitted release')} waiting for your decision. You are not shown releases you own, requested or built.`}
      />
      {items.length ? (
        <>
          <ReleaseTable
            releases={items}
            caption="Submitted releases waiting for my decision, oldest first"
            columns={['type', 'risk', 'owner', 'environments', 'window']}
            extra={[
              { header: 'Requested by', cell: (r) => r.requester.name },
              { header: 'Submitted', cell: (r) => formatDateTime(r.submittedAt, r.timezone, { weekday: false }) },
              {
                header: 'Still needed',
                cell: (r) =>
                  r.pending.length ? (
                    <ul className="space-y-0.5">
                      {r.pending.map((p, i) => (
                        <li key={i}>
                          {p.description}: {Math.min(p.have, p.need)} of {p.need}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    'No open requirements'
                  ),
              },
            ]}
          />
          {total > items.length ? <p className="mt-2 text-sm text-gray-700">Showing the {items.length} oldest of {total}.</p> : null}
        </>
      ) : (
        <EmptyState title="Nothing waits for your decision">
          Submitted releases you may approve appear here: ones you do not own, did not request and did not build, and have not decided on yet.
        </EmptyState>
      )}
    </>
  );
}
