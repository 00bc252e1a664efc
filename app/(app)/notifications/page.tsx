import { getLocale, getTranslations } from 'next-intl/server';
import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { formatWhen } from '@/components/format';
import { Badge } from '@/components/ui/badge';
import { cx } from '@/components/ui/cx';
import { EmptyState } from '@/components/ui/empty-state';
import { hrefWith } from '@/components/ui/href';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { ActionButton } from '@/components/release-forms/action-button';
import { notificationHref, notificationKind } from '@/components/notifications/kinds';
import { listNotifications } from '@/lib/server/notifications';
import { markAllNotificationsReadAction, markNotificationReadAction } from './actions';
import { requireUser } from '@/lib/server/session';
import { releaseHref } from '@/lib/domain/release-parts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notifications');
  return { title: t('title') };
}

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await currentViewer();
  const t = await getTranslations('notifications');
  const user = await requireUser();
  const list = await listNotifications(user, await searchParams);
  const show = list.filters.show;

  return (
    <div lang={await getLocale()} className="contents">
      <PageHeader
        title={t('title')}
        description={t('description', { unread: list.unread, total: list.total })}
        actions={list.unread ? <ActionButton action={markAllNotificationsReadAction} fields={{}} label={t('markAll')} pendingText={t('marking')} /> : null}
      />
      <nav aria-label={t('filter.label')} className="mb-3">
        <ul className="flex gap-2 text-sm">
          {(['all', 'unread'] as const).map((v) => (
            <li key={v}>
              <Link
                href={hrefWith('/notifications', { show: v === 'all' ? undefined : v })}
                aria-current={show === v ? 'page' : undefined}
                className={cx(
                  'inline-flex h-7 items-center rounded-md border px-2.5 font-medium',
                  show === v ? 'border-blue-700 bg-blue-50 text-blue-800' : 'border-gray-300 bg-white text-gray-800 hover:bg-gray-100',
                )}
              >
                {t(`filter.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {list.notifications.length ? (
        <>
          <ul className="divide-y divide-gray-100 rounded-md border border-gray-200 bg-white">
            {list.notifications.map((n) => {
              const kind = notificationKind(n.kind);
              const href = notificationHref(n);
              return (
                <li key={n.id} className={cx('flex flex-wrap items-start justify-between gap-2 px-3 py-2.5', !n.read && 'bg-blue-50/40')}>
                  <div className="min-w-0">
                    <div className="flex flex-wrap items-center gap-2">
                      {!n.read ? <Badge tone="blue">{t('unread')}</Badge> : <span className="sr-only">{t('readSr')}</span>}
                      <Badge tone={kind.tone}>{kind.words || t(`kinds.${kind.label}`)}</Badge>
                      <p className="text-sm font-medium text-gray-900">
                        {href ? (
                          <Link href={href} className="link">
                            {n.title}
                          </Link>
                        ) : (
                          n.title
                        )}
                      </p>
                    </div>
                    {n.body ? <p className="mt-0.5 text-sm break-words whitespace-pre-line text-gray-800">{n.body}</p> : null}
                    <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-gray-700">
                      <time dateTime={n.createdAt}>{formatWhen(n.createdAt, viewer, { weekday: false })}</time>
                      {n.release ? (
                        <Link href={releaseHref(n.release.key)} className="link font-mono">
                          {n.release.key}
                          <span className="sr-only">: {n.release.title}</span>
                        </Link>
                      ) : null}
                      {n.release && kind.toApprovalCard && !href?.startsWith(`/approvals/${n.release.key}`) ? (
                        <Link href={`/approvals/${n.release.key}`} className="link">
                          {t.rich('approvalCard', { key: n.release.key, sr: (c) => <span className="sr-only">{c}</span> })}
                        </Link>
                      ) : null}
                    </p>
                  </div>
                  {!n.read ? (
                    <ActionButton
                      action={markNotificationReadAction}
                      fields={{ id: n.id }}
                      label={t('markOne')}
                      srContext={n.title}
                      pendingText={t('marking')}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
          <Pagination
            pathname="/notifications"
            params={{ show: show === 'all' ? undefined : show }}
            page={list.page}
            pageSize={list.pageSize}
            total={list.total}
            label={t('pages')}
          />
        </>
      ) : (
        <EmptyState title={show === 'unread' ? t('empty.unread') : t('empty.none')}>{t('empty.body')}</EmptyState>
      )}
    </div>
  );
}
