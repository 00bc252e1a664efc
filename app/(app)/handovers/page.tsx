import type { Metadata } from 'next';
import { plural } from '@/components/format';
import { ReleaseTable } from '@/components/releases/release-table';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { When } from '@/components/ui/text';
import { listHandoverQueue } from '@/lib/server/releases';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Handovers' };

export default async function HandoversPage() {
  const user = await requireUser();
  const queue = await guard(() => listHandoverQueue(user));
  if (!queue.ok) return <AccessDenied title="Handovers" reason={queue.message} />;
  const { total, items } = queue.value;

  return (
    <>
      <PageHeader title="Handovers" description={`${plural(total, 'deployed release')} with handover notes ready for operations to acknowledge.`} />
      {items.length ? (
        <>
          <ReleaseTable
            releases={items}
            caption="Deployed releases whose handover is ready, earliest planned end first"
            columns={['type', 'risk', 'owner', 'environments', 'window']}
            extra={[
              { header: 'Prepared by', cell: (r) => r.preparedBy ?? '—' },
              { header: 'Notes updated', cell: (r) => <When iso={r.handoverUpdatedAt} zone={r.timezone} /> },
            ]}
          />
          {total > items.length ? (
            <p className="mt-2 text-sm text-gray-700">
              Showing the first {items.length} of {total}.
            </p>
          ) : null}
        </>
      ) : (
        <EmptyState title="No handovers to acknowledge">
          When a release is deployed and its owner marks the handover notes ready, it appears here for operations to read and acknowledge.
        </EmptyState>
      )}
    </>
  );
}
