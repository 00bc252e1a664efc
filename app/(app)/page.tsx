import type { Metadata } from 'next';
import Link from 'next/link';
import { formatCalendarDate, formatCount, plural } from '@/components/format';
import { InboxTable } from '@/components/approvals/inbox';
import { ReleaseTable } from '@/components/releases/release-table';
import { STATUS_LABELS, STATUS_ORDER, statusTone } from '@/components/releases/labels';
import { ReleaseWindow } from '@/components/releases/release-window';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { StatusBadge } from '@/components/ui/status-badge';
import { When } from '@/components/ui/text';
import { MyItemStatusForm } from '@/components/review/review-forms';
import { updateMyActionItemStatusAction } from '@/app/(app)/releases/[key]/review-actions';
import { getDashboard } from '@/lib/server/dashboard';
import { requireUser } from '@/lib/server/session';
import { releaseHref } from '@/lib/domain/release-parts';

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

  return (
    <>
      <PageHeader title="Dashboard" description={`Signed in as ${user.name}: your releases and what waits for you.`} />

      <section aria-labelledby="summary-heading" className="mb-5">
        <h2 id="summary-heading" className="sr-only">
          Summary
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

      <div className="grid grid-cols-1 gap-5 2xl:grid-cols-3">
        <div className="space-y-5 2xl:col-span-2">
          <Section id="my-releases" title="My releases" count={d.myReleases.total} bare>
            {d.myReleases.items.length ? (
              <>
                <ReleaseTable
                  releases={d.myReleases.items}
                  caption="Releases I own that are not closed or cancelled, by planned start"
                  columns={['status', 'risk', 'environments', 'window']}
                />
                <MoreLink
                  href={`/releases?owner=${encodeURIComponent(user.id ?? '')}&status=active`}
                  shown={d.myReleases.items.length}
                  total={d.myReleases.total}
                  what="of my releases"
                />
              </>
            ) : (
              <EmptyState title="You own no open releases" compact>
                Releases you own appear here, soonest planned start first, until they are closed or cancelled.
              </EmptyState>
            )}
          </Section>

          {d.approvals ? (
            <Section id="my-approvals" title="Approvals waiting for me" count={d.approvals.complete ? d.approvals.total : `${d.approvals.total}+`} bare>
              {d.approvals.items.length ? (
                <>
                  <InboxTable items={d.approvals.items} />
                  <MoreLink href="/approvals" shown={d.approvals.items.length} total={d.approvals.total} what="approvals" />
                </>
              ) : (
                <EmptyState title="Nothing waits for your decision" compact>
                  Submitted releases appear here when you can count for one of their open approval requirements, until you approve or reject them.
                </EmptyState>
              )}
            </Section>
          ) : null}

          {d.deployments ? (
            <Section id="my-deployments" title="Deployments to run" count={d.deployments.total} bare>
              {d.deployments.items.length ? (
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
              ) : (
                <EmptyState title="No deployment windows in the next 24 hours" compact>
                  Scheduled and deploying releases appear here while a target environment&apos;s window is open or opens within a day.
                </EmptyState>
              )}
            </Section>
          ) : null}

          {d.handovers ? (
            <Section id="my-handovers" title="Handovers waiting for me" count={d.handovers.total} bare>
              {d.handovers.items.length ? (
                <>
                  <ReleaseTable
                    releases={d.handovers.items}
                    caption="Deployed releases whose handover is ready for operations"
                    columns={['risk', 'environments', 'window']}
                    extra={[{ header: 'Prepared by', cell: (r) => r.preparedBy ?? '—' }]}
                  />
                  <MoreLink href="/handovers" shown={d.handovers.items.length} total={d.handovers.total} what="handovers" />
                </>
              ) : (
                <EmptyState title="No handovers to acknowledge" compact>
                  Deployed releases whose handover notes are ready for operations appear here until they are acknowledged.
                </EmptyState>
              )}
            </Section>
          ) : null}
        </div>

        <div className="space-y-5">
          <Section id="my-action-items" title="My action items" count={d.actionItems.total}>
            {d.actionItems.items.length ? (
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
            ) : (
              <p className="text-sm text-gray-700">Open action items from post-release reviews that you own appear here, earliest due date first.</p>
            )}
          </Section>

          <Section id="next-seven-days" title="Next 7 days" count={d.summary.nextSevenDays.total}>
            {d.summary.nextSevenDays.items.length ? (
              <ul className="divide-y divide-gray-100">
                {d.summary.nextSevenDays.items.map((r) => (
                  <li key={r.id} className="py-2 first:pt-0 last:pb-0">
                    <p className="flex items-center gap-2 text-sm">
                      <Link href={releaseHref(r.key)} className="link font-mono text-xs font-semibold">
                        {r.key}
                      </Link>
                      <StatusBadge status={r.status} />
                    </p>
                    <p className="mt-0.5 text-sm text-gray-900">{r.title}</p>
                    <p className="mt-0.5 text-xs text-gray-700">
                      <ReleaseWindow start={r.plannedStart} end={r.plannedEnd} timezone={r.timezone} compact />
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-gray-700">Releases planned to start in the next seven days appear here.</p>
            )}
            {d.summary.nextSevenDays.total > d.summary.nextSevenDays.items.length ? (
              <p className="mt-2 text-sm">
                <Link href="/releases?sort=planned_asc&status=active" className="link">
                  {plural(d.summary.nextSevenDays.total, 'release')} in the next 7 days: see the list
                </Link>
              </p>
            ) : null}
          </Section>
        </div>
      </div>
    </>
  );
}
