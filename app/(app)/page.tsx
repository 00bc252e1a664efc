import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatCalendarDate, formatCount } from '@/components/format';
import { ReleaseTable } from '@/components/releases/release-table';
import { STATUS_ORDER, statusTone } from '@/components/releases/labels';
import { getStatusWords } from '@/components/i18n/status-words';
import { ReleaseWindow } from '@/components/releases/release-window';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { StatusBadge } from '@/components/ui/status-badge';
import { When } from '@/components/ui/text';
import { MyItemStatusForm } from '@/components/review/review-forms';
import { updateMyActionItemStatusAction } from '@/app/(app)/releases/[key]/review-actions';
import { getDashboard } from '@/lib/server/dashboard';
import { inboxItemsIn } from '@/lib/server/approvals';
import { requireUser } from '@/lib/server/session';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { releaseHref } from '@/lib/domain/release-parts';
import { orderDashboardPanels, type DashboardPanel } from '@/lib/domain/dashboard-panels';
import { AdminPanel } from './_dashboard/admin-panel';
import { ApprovalCards } from './_dashboard/approval-cards';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dashboard');
  return { title: t('title') };
}

function MoreLink({ href, shown, total, children }: { href: string; shown: number; total: number; children: ReactNode }) {
  if (total <= shown) return null;
  return (
    <p className="mt-2 text-sm">
      <Link href={href} className="link">
        {children}
      </Link>
    </p>
  );
}

export default async function DashboardPage() {
  const user = await requireUser();
  const [d, t, locale] = await Promise.all([getDashboard(user), getTranslations('dashboard'), getLocale().then(languageOf)]);
  const word = await getStatusWords();
  const counts = new Map(d.summary.byStatus.map((s) => [s.status, s.count]));
  const totalReleases = d.summary.byStatus.reduce((n, s) => n + s.count, 0);
  const mineHref = `/releases?owner=${encodeURIComponent(user.id ?? '')}&status=active`;

  // per role, what the person acts on comes first; empty panels become one calm line each, after
  // the others (docs/decisions/055-dashboards-per-role.md)
  const { panels, quiet } = orderDashboardPanels(user.roles, {
    ...(d.admin ? { admin: d.admin.needsYou } : {}),
    ...(d.approvals ? { approvals: d.approvals.total } : {}),
    ...(d.deployments ? { deployments: d.deployments.total } : {}),
    ...(d.handovers ? { handovers: d.handovers.total } : {}),
    myReleases: d.myReleases.total,
    actionItems: d.actionItems.total,
    upcoming: d.summary.nextSevenDays.total,
  });

  const full: Record<DashboardPanel, () => ReactNode> = {
    admin: () =>
      d.admin ? (
        <AdminPanel
          a={{
            ...d.admin,
            // a failed delivery's reason, as the channel said it, in the reader's language
            failedDeliveries: {
              ...d.admin.failedDeliveries,
              items: d.admin.failedDeliveries.items.map((x) => ({ ...x, lastError: x.lastError === null ? null : localize(x.lastError, locale) })),
            },
          }}
        />
      ) : null,
    approvals: () =>
      d.approvals ? (
        <Section id="my-approvals" title={t('approvals.title')} count={d.approvals.complete ? d.approvals.total : `${d.approvals.total}+`} bare>
          <ApprovalCards items={inboxItemsIn(d.approvals.items, locale)} />
          <MoreLink href="/approvals" shown={d.approvals.items.length} total={d.approvals.total}>
            {t('approvals.more', { total: formatCount(d.approvals.total) })}
          </MoreLink>
        </Section>
      ) : null,
    deployments: () =>
      d.deployments ? (
        <Section id="my-deployments" title={t('deployments.title')} count={d.deployments.total} bare>
          <ReleaseTable
            releases={d.deployments.items}
            caption={t('deployments.caption')}
            columns={['status', 'risk']}
            extra={[
              {
                header: t('deployments.windows'),
                cell: (r) => (
                  <ul className="space-y-0.5">
                    {r.windows.map((w) => (
                      <li key={w.environment} className="text-xs text-gray-800">
                        <span className="font-medium text-gray-900">{w.environment}</span> <When iso={w.start} zone={r.timezone} /> –{' '}
                        <When iso={w.end} zone={r.timezone} /> <span className="text-gray-700">{r.timezone}</span>
                        {w.open ? (
                          <Badge tone="green" className="ml-1">
                            {t('deployments.openNow')}
                          </Badge>
                        ) : null}
                        {w.deployment ? <span className="ml-1">{t('deployments.deployment', { status: w.deployment.replace('_', ' ') })}</span> : null}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        </Section>
      ) : null,
    handovers: () =>
      d.handovers ? (
        <Section id="my-handovers" title={t('handovers.title')} count={d.handovers.total} bare>
          <ReleaseTable
            releases={d.handovers.items}
            caption={t('handovers.caption')}
            columns={['risk', 'environments', 'window']}
            extra={[{ header: t('handovers.preparedBy'), cell: (r) => r.preparedBy ?? '—' }]}
          />
          <MoreLink href="/handovers" shown={d.handovers.items.length} total={d.handovers.total}>
            {t('handovers.more', { total: formatCount(d.handovers.total) })}
          </MoreLink>
        </Section>
      ) : null,
    myReleases: () => (
      <Section id="my-releases" title={t('myReleases.title')} count={d.myReleases.total} bare>
        <ReleaseTable releases={d.myReleases.items} caption={t('myReleases.caption')} columns={['status', 'risk', 'environments', 'window']} />
        <MoreLink href={mineHref} shown={d.myReleases.items.length} total={d.myReleases.total}>
          {t('myReleases.more', { total: formatCount(d.myReleases.total) })}
        </MoreLink>
      </Section>
    ),
    actionItems: () => (
      <Section id="my-action-items" title={t('actionItems.title')} count={d.actionItems.total}>
        <ul className="divide-y divide-gray-100">
          {d.actionItems.items.map((i) => (
            <li key={i.id} className="py-2 first:pt-0 last:pb-0">
              <p className="text-sm text-gray-900">{i.title}</p>
              <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-gray-700">
                <Link href={releaseHref(i.release.key, 'handover', 'review')} className="link inline-flex min-h-6 items-center font-mono">
                  {i.release.key}
                </Link>
                <span>
                  {t('actionItems.due', { date: formatCalendarDate(i.dueDate) })}
                  {i.overdue ? (
                    <Badge tone="red" className="ml-1">
                      {t('actionItems.overdue')}
                    </Badge>
                  ) : null}
                  {i.status === 'in_progress' ? (
                    <Badge tone="amber" className="ml-1">
                      {t('actionItems.inProgress')}
                    </Badge>
                  ) : null}
                </span>
              </p>
              <MyItemStatusForm action={updateMyActionItemStatusAction} releaseKey={i.release.key} itemId={i.id} status={i.status} label={i.title} />
            </li>
          ))}
        </ul>
      </Section>
    ),
    upcoming: () => (
      <Section id="next-seven-days" title={t('upcoming.title')} count={d.summary.nextSevenDays.total}>
        <ul className="divide-y divide-gray-100">
          {d.summary.nextSevenDays.items.map((r) => (
            <li key={r.id} className="py-2 first:pt-0 last:pb-0">
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <Link href={releaseHref(r.key)} className="link font-mono text-xs font-semibold">
                  {r.key}
                </Link>
                <StatusBadge status={r.status} />
                <span className="text-gray-900">{r.title}</span>
              </p>
              <p className="mt-0.5 text-xs text-gray-700">
                <ReleaseWindow start={r.plannedStart} end={r.plannedEnd} timezone={r.timezone} compact />
              </p>
            </li>
          ))}
        </ul>
        {d.summary.nextSevenDays.total > d.summary.nextSevenDays.items.length ? (
          <p className="mt-2 text-sm">
            <Link href="/releases?sort=planned_asc&status=active" className="link">
              {t('upcoming.more', { count: d.summary.nextSevenDays.total })}
            </Link>
          </p>
        ) : null}
      </Section>
    ),
  };

  // what an empty panel says, in one line, with where to look
  const calm: Record<DashboardPanel, { text: string; href: string; link: string }> = {
    admin: { text: t('calm.admin'), href: '/admin', link: t('calm.adminLink') },
    approvals: { text: t('calm.approvals'), href: '/approvals', link: t('calm.approvalsLink') },
    deployments: { text: t('calm.deployments'), href: '/calendar', link: t('calm.deploymentsLink') },
    handovers: { text: t('calm.handovers'), href: '/handovers', link: t('calm.handoversLink') },
    myReleases: { text: t('calm.myReleases'), href: '/releases', link: t('calm.myReleasesLink') },
    actionItems: { text: t('calm.actionItems'), href: '/releases', link: t('calm.actionItemsLink') },
    upcoming: { text: t('calm.upcoming'), href: '/calendar', link: t('calm.upcomingLink') },
  };

  return (
    <div lang={locale} className="contents">
      <PageHeader title={t('title')} description={t('description', { name: user.name })} />

      <div className={quiet.length ? 'grid grid-cols-1 gap-5 xl:grid-cols-3' : ''}>
        <div className="min-w-0 space-y-5 xl:col-span-2">
          {panels.map((p) => (
            <div key={p}>{full[p]()}</div>
          ))}
        </div>

        {quiet.length ? (
          <section aria-labelledby="all-clear-heading" className="min-w-0">
            <h2 id="all-clear-heading" className="mb-2 text-base font-semibold text-gray-900">
              {t('allClear')}
            </h2>
            <ul className="divide-y divide-gray-100 rounded-md border border-gray-200 bg-white px-3 text-sm">
              {quiet.map((p) => (
                <li key={p} id={`quiet-${p}`} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
                  <span className="text-gray-800">{calm[p].text}</span>
                  <Link href={calm[p].href} className="link text-xs">
                    {calm[p].link}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>

      <section aria-labelledby="summary-heading" className="mt-6">
        <h2 id="summary-heading" className="mb-2 text-base font-semibold text-gray-900">
          {t('summary.title')}
        </h2>
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link href="/releases" className="flex items-center gap-2 rounded-md border border-gray-200 bg-white px-3 py-1.5 text-sm hover:border-gray-400">
              <span className="font-semibold text-gray-900">{formatCount(totalReleases)}</span>
              <span className="text-gray-700">{t('summary.total')}</span>
            </Link>
          </li>
          {STATUS_ORDER.filter((s) => counts.get(s)).map((s) => (
            <li key={s}>
              <Link
                href={`/releases?status=${s}`}
                className="flex items-center gap-2 rounded-md border border-gray-200 bg-white px-2.5 py-1.5 text-sm hover:border-gray-400"
              >
                <span className="font-semibold text-gray-900">{formatCount(counts.get(s) ?? 0)}</span>
                <Badge tone={statusTone(s)}>{word('release', s)}</Badge>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
