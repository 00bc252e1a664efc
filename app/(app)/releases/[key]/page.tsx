import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { ApprovalsSection } from '@/components/releases/detail/approvals-section';
import { BackoutPanel } from '@/components/releases/detail/backout-panel';
import { DeploymentsPanel } from '@/components/releases/detail/deployments-panel';
import { EnvironmentsSection, StakeholdersSection } from '@/components/releases/detail/environments-section';
import { FreezeOverrides } from '@/components/releases/detail/freeze-overrides';
import { HandoverPanel } from '@/components/releases/detail/handover-panel';
import { HistorySection } from '@/components/releases/detail/history-section';
import { LifecyclePanel } from '@/components/releases/detail/lifecycle-panel';
import { PackagePanel } from '@/components/releases/detail/package-panel';
import { PlanTasks } from '@/components/releases/detail/plan-tasks';
import { RejectionBanner } from '@/components/releases/detail/rejection-banner';
import { ReleaseHeader } from '@/components/releases/detail/release-header';
import { ReviewPanel } from '@/components/releases/detail/review-panel';
import { MetricsPanel } from '@/components/releases/detail/metrics-panel';
import { RiskRegister } from '@/components/releases/detail/risk-register';
import { SchedulePanel } from '@/components/releases/detail/schedule-panel';
import { Section } from '@/components/ui/section';
import { Prose } from '@/components/ui/text';
import { getRelease, parseReleaseKey } from '@/lib/server/releases';
import { requireUser } from '@/lib/server/session';
import { allows } from '@/lib/server/authz';

type Params = { params: Promise<{ key: string }> };

// one read per request, shared by the metadata and the page
const loadRelease = cache(async (key: string) => getRelease(await requireUser(), key));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { key } = await params;
  const r = await loadRelease(key);
  return { title: r ? `${r.key} ${r.title}` : 'Release not found' };
}

const CONTENTS: { id: string; label: string }[] = [
  { id: 'lifecycle', label: 'Next steps' },
  { id: 'overview', label: 'Overview' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'environments', label: 'Environments' },
  { id: 'stakeholders', label: 'Stakeholders' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'freeze-overrides', label: 'Change freezes' },
  { id: 'package', label: 'Package' },
  { id: 'risks', label: 'Risks' },
  { id: 'plan', label: 'Plan tasks' },
  { id: 'approvals', label: 'Approvals' },
  { id: 'deployments', label: 'Deployments' },
  { id: 'backout', label: 'Back-out plan' },
  { id: 'handover', label: 'Handover' },
  { id: 'review', label: 'Review' },
  { id: 'history', label: 'Status history' },
];

export default async function ReleasePage({ params }: Params) {
  const { key } = await params;
  // "rel-12" is a typo of REL-12, not a missing release
  if (parseReleaseKey(key) === null && parseReleaseKey(key.toUpperCase()) !== null) redirect(`/releases/${key.toUpperCase()}`);
  const r = await loadRelease(key);
  if (!r) notFound();

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/releases" className="link">
          ← All releases
        </Link>
      </p>
      <ReleaseHeader r={r} canEdit={allows(await requireUser(), 'release.edit')} />
      <RejectionBanner r={r} />
      <LifecyclePanel releaseKey={r.key} />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_12rem]">
        <div className="min-w-0 space-y-6">
          <Section id="overview" title="Overview">
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <div>
                <h3 className="mb-1 text-xs font-semibold text-gray-800">Description</h3>
                <Prose text={r.description} empty="No description yet." />
              </div>
              <div>
                <h3 className="mb-1 text-xs font-semibold text-gray-800">Business justification</h3>
                <Prose text={r.businessJustification} empty="No business justification yet." />
              </div>
            </div>
          </Section>
          <MetricsPanel releaseKey={r.key} />
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <EnvironmentsSection r={r} />
            <StakeholdersSection r={r} />
          </div>
          <SchedulePanel releaseKey={r.key} />
          <FreezeOverrides releaseKey={r.key} timezone={r.timezone} />
          <PackagePanel releaseKey={r.key} />
          <RiskRegister r={r} />
          <PlanTasks r={r} />
          <ApprovalsSection r={r} />
          <DeploymentsPanel releaseKey={r.key} timezone={r.timezone} />
          <BackoutPanel releaseKey={r.key} timezone={r.timezone} />
          <HandoverPanel releaseKey={r.key} timezone={r.timezone} />
          <ReviewPanel releaseKey={r.key} timezone={r.timezone} />
          <HistorySection r={r} />
        </div>
        <nav aria-label="Release sections" className="order-first xl:order-none">
          <div className="xl:sticky xl:top-4">
            <h2 className="mb-1 text-xs font-semibold tracking-wide text-gray-700 uppercase">On this page</h2>
            <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm xl:flex-col">
              {CONTENTS.map((c) => (
                <li key={c.id}>
                  <a href={`#${c.id}`} className="link">
                    {c.label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      </div>
    </>
  );
}
