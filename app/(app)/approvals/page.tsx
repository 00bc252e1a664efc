import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { InboxTable, oldestFirst, RecentDecisions } from '@/components/approvals/inbox';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Section } from '@/components/ui/section';
import { listMyRecentDecisions } from '@/lib/server/approval-history';
import { inboxItemsIn, listMyApprovalInbox } from '@/lib/server/approvals';
import { pageParam } from '@/lib/server/releases';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('approvals');
  return { title: t('title') };
}

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [user, t, locale] = await Promise.all([requireUser(), getTranslations('approvals'), getLocale()]);
  const requested = pageParam.parse((await searchParams).page);
  const inbox = await guard(() => Promise.all([listMyApprovalInbox(user, { page: requested }), listMyRecentDecisions(user, 20)]));
  if (!inbox.ok) return <AccessDenied title={t('title')} reason={inbox.message} />;
  const [{ total, complete, items, page, pageSize }, recent] = inbox.value;
  const waiting = oldestFirst(inboxItemsIn(items, locale));

  return (
    <div lang={locale} className="contents">
      <PageHeader
        title={t('title')}
        description={complete ? t('inbox.description', { count: total }) : t('inbox.descriptionAtLeast', { count: total })}
        actions={
          <Link href="/cab-agenda" className="link text-sm">
            {t('inbox.cabAgenda')}
          </Link>
        }
      />
      <div className="space-y-6">
        <Section id="waiting" title={t('inbox.waiting.title')} count={complete ? total : `${total}+`} bare>
          {waiting.length ? (
            <>
              <InboxTable items={waiting} />
              <Pagination
                pathname="/approvals"
                params={{}}
                page={page}
                pageSize={pageSize}
                total={total}
                atLeast={!complete}
                label={t('inbox.waiting.pages')}
              />
            </>
          ) : (
            <EmptyState title={t('inbox.waiting.emptyTitle')} compact>
              {t('inbox.waiting.emptyBody')}
            </EmptyState>
          )}
        </Section>
        <Section id="decided" title={t('inbox.decided.title')} count={recent.length} bare>
          {recent.length ? (
            <RecentDecisions decisions={recent} />
          ) : (
            <EmptyState title={t('inbox.decided.emptyTitle')} compact>
              {t('inbox.decided.emptyBody')}
            </EmptyState>
          )}
        </Section>
      </div>
    </div>
  );
}
