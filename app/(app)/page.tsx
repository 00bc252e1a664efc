import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { formatCalendarDate, formatCount, plural } from '@/components/format';
import { ReleaseTable } from '@/components/releases/release-table';
import { STATUS_LABELS, STATUS_ORDER, statusTone } from '@/components/releases/labels';
import { ReleaseWindow } from '@/components/releases/release-window';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { StatusBadge } from '@/components/ui/status-badge';
import { When } from '@/components/ui/text';
import { MyItemStatusForm } from '@/components/review/review-forms';
import { updateMyActionItemStatusAction } from '@/app/(app)/releases/[key]/review-actions';
import { getDashboard } from '@/lib/server/dashboard';
import { requireUser } from '@/lib/server/session';
import { releaseHref } from '@/lib/domain/release-parts';
import { orderDashboardPanels, type DashboardPanel } from '@/lib/domain/dashboard-panels';
import { AdminPanel } from './_dashboard/admin-panel';
import { ApprovalCards } from './_dashboard/approval-cards';

export const metadata: Metadata = { title: 'Dashboard' };

function MoreLink({ href, shown, total, what }: { href: string; shown: number; total: number; what: string }) {
  if (total <= shown) return null;
  return (
    <p className="mt-2 text-sm">
      <Link href={href} className="link">
        See all {formatCount(total)} {what}
      </Link>
    </p>
  );
}

export default async function DashboardPage() {
  const user = await requireUser();
  const d = await getDashboard(user);
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
    admin: () => (d.admin ? <AdminPanel a={d.admin} /> : null),
    approvals: () =>
      d.approvals ? (
        <Section id="my-approvals" title="Approvals waiting for me" count={d.approvals.complete ? d.approvals.total : `${d.approvals.total}+`} bare>
          <ApprovalCards items={d.approvals.items} />
          <MoreLink href="/approvals" shown={d.approvals.items.length} total={d.approvals.total} what="approvals" />
        </Section>
      ) : null,
    deployments: () =>
      d.deployments ? (
        <Section id="my-deployments" title="Deployments to run" count={d.deployments.total} bare>
          <ReleaseTable
            releases={d.deployments.items}
            caption="Scheduled or deploying releases with a window open now or in the next 24 hours"
            columns={['status', 'risk']}
            extra={[
              {
                header: 'Windows (next 24 h)',
                cell: (r) => (
                  <ul className="space-y-0.5">
                    {r.windows.map((w) => (
                      <li key={w.environment} className="text-xs text-gray-800">
                        <span className="font-medium text-gray-900">{w.environment}</span> <When iso={w.start} zone={r.timezone} /> –{' '}
                        <When iso={w.end} zone={r.timezone} /> <span className="text-gray-700">{r.timezone}</span>
                        {w.open ? (
                          <Badge tone="green" className="ml-1">
                            Open now
                          </Badge>
                        ) : null}
                        {w.deployment ? <span className="ml-1">· deployment {w.deployment.replace('_', ' ')}</span> : null}
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
        <Section id="my-handovers" title="Handovers waiting for me" count={d.handovers.total} bare>
          <ReleaseTable
            releases={d.handovers.items}
            caption="Deployed releases whose handover is ready for operations"
            columns={['risk', 'environments', 'window']}
            extra={[{ header: 'Prepared by', cell: (r) => r.preparedBy ?? '—' }]}
          />
          <MoreLink href="/handovers" shown={d.handovers.items.length} total={d.handovers.total} what="handovers" />
        </Section>
      ) : null,
    myReleases: () => (
      <Section id="my-releases" title="My releases" count={d.myReleases.total} bare>
        <ReleaseTable
          releases={d.myReleases.items}
          caption="Releases I own that are not closed or cancelled, by planned start"
          columns={['status', 'risk', 'environments', 'window']}
        />
        <MoreLink href={mineHref} shown={d.myReleases.items.length} total={d.myReleases.total} what="of my releases" />
      </Section>
    ),
    actionItems: () => (
      <Section id="my-action-items" title="My action items" count={d.actionItems.total}>
        <ul className="divide-y divide-gray-100">
          {d.actionItems.items.map((i) => (
            <li key={i.id} className="py-2 first:pt-0 last:pb-0">
              <p className="text-sm text-gray-900">{i.title}</p>
              <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-gray-700">
                <Link href={releaseHref(i.release.key, 'handover', 'review')} className="link inline-flex min-h-6 items-center font-mono">
                  {i.release.key}
                </Link>
                <span>
                  due {formatCalendarDate(i.dueDate)}
                  {i.overdue ? (
                    <Badge tone="red" className="ml-1">
                      Overdue
                    </Badge>
                  ) : null}
                  {i.status === 'in_progress' ? (
                    <Badge tone="amber" className="ml-1">
                      In progress
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
      <Section id="next-seven-days" title="Next 7 days" count={d.summary.nextSevenDays.total}>
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
              {plural(d.summary.nextSevenDays.total, 'release')} in the next 7 days: see the list
            </Link>
          </p>
        ) : null}
      </Section>
    ),
  };

  // what an empty panel says, in one line, with where to look
  const calm: Record<DashboardPanel, { text: string; href: string; link: string }> = {
    admin: { text: 'Nothing needs you.', href: '/admin', link: 'Admin' },
    approvals: { text: 'No release waits for your decision.', href: '/approvals', link: 'Approvals' },
    deployments: { text: 'No deployment window opens in the next 24 hours.', href: '/calendar', link: 'Calendar' },
    handovers: { text: 'No handover waits for your acknowledgement.', href: '/handovers', link: 'Handovers' },
    myReleases: { text: 'You own no open releases.', href: '/releases', link: 'All releases' },
    actionItems: { text: 'No review action items are yours.', href: '/releases', link: 'Releases' },
    upcoming: { text: 'No release is planned to start in the next 7 days.', href: '/calendar', link: 'Calendar' },
  };

  return (
    <>
      <PageHeader title="Dashboard" description={`Signed in as ${user.name}: what waits for you first, then your releases.`} />

      <div className={quiet.length ? 'grid grid-cols-1 gap-5 xl:grid-cols-3' : ''}>
        <div className="min-w-0 space-y-5 xl:col-span-2">
          {panels.map((p) => (
            <div key={p}>{full[p]()}</div>
          ))}
        </div>

        {quiet.length ? (
          <section aria-labelledby="all-clear-heading" className="min-w-0">
            <h2 id="all-clear-heading" className="mb-2 text-base font-semibold text-gray-900">
              All clear
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
          All releases
        </h2>
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link href="/releases" className="flex items-center gap-2 rounded-md border border-gray-200 bg-white px-3 py-1.5 text-sm hover:border-gray-400">
              <span className="font-semibold text-gray-900">{formatCount(totalReleases)}</span>
              <span className="text-gray-700">releases in total</span>
            </Link>
          </li>
          {STATUS_ORDER.filter((s) => counts.get(s)).map((s) => (
            <li key={s}>
              <Link
                href={`/releases?status=${s}`}
                className="flex items-center gap-2 rounded-md border border-gray-200 bg-white px-2.5 py-1.5 text-sm hover:border-gray-400"
              >
                <span className="font-semibold text-gray-900">{formatCount(counts.get(s) ?? 0)}</span>
                <Badge tone={statusTone(s)}>{STATUS_LABELS[s]}</Badge>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
