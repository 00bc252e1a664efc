import type { Metadata } from 'next';
import Link from 'next/link';
import { plural } from '@/components/format';
import { InboxTable, oldestFirst, RecentDecisions } from '@/components/approvals/inbox';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Section } from '@/components/ui/section';
import { listMyRecentDecisions } from '@/lib/server/approval-history';
import { listMyApprovalInbox } from '@/lib/server/approvals';
import { pageParam } from '@/lib/server/releases';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Approvals' };

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const requested = pageParam.parse((await searchParams).page);
  const inbox = await guard(() => Promise.all([listMyApprovalInbox(user, { page: requested }), listMyRecentDecisions(user, 20)]));
  if (!inbox.ok) return <AccessDenied title="Approvals" reason={inbox.message} />;
  const [{ total, complete, items, page, pageSize }, recent] = inbox.value;
  const waiting = oldestFirst(items);

  return (
    <>
      <PageHeader
        title="Approvals"
        description={`${complete ? '' : 'At least '}${plural(total, 'submitted release')} waiting for your decision. Releases you own, requested or built, or cannot count for, are not shown.`}
        actions={
          <Link href="/cab-agenda" className="link text-sm">
            CAB agenda
          </Link>
        }
      />
      <div className="space-y-6">
        <Section id="waiting" title="Waiting for your decision" count={complete ? total : `${total}+`} bare>
          {waiting.length ? (
            <>
              <InboxTable items={waiting} />
              <Pagination pathname="/approvals" params={{}} page={page} pageSize={pageSize} total={total} atLeast={!complete} label="Approvals pages" />
            </>
          ) : (
            <EmptyState title="Nothing waits for your decision" compact>
              Submitted releases appear here when you can count for one of their open approval requirements and have not decided yet.
            </EmptyState>
          )}
        </Section>
        <Section id="decided" title="Decided by you recently" count={recent.length} bare>
          {recent.length ? (
            <RecentDecisions decisions={recent} />
          ) : (
            <EmptyState title="You have not decided on any release yet" compact>
              Your approvals and rejections appear here, newest first, with whether they still count.
            </EmptyState>
          )}
        </Section>
      </div>
    </>
  );
}
