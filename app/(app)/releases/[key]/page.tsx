import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { ApprovalsSection } from './_sections/approvals-section';
import { BackoutPanel } from './_sections/backout-panel';
import { DeploymentsPanel } from './_sections/deployments-panel';
import { EnvironmentsSection, StakeholdersSection } from './_sections/environments-section';
import { FreezeOverrides } from './_sections/freeze-overrides';
import { HandoverPanel } from './_sections/handover-panel';
import { HistorySection } from './_sections/history-section';
import { LifecyclePanel } from './_sections/lifecycle-panel';
import { PackagePanel } from './_sections/package-panel';
import { PlanTasks } from './_sections/plan-tasks';
import { RejectionBanner } from './_sections/rejection-banner';
import { ReleaseHeader } from './_sections/release-header';
import { ReviewPanel } from './_sections/review-panel';
import { MetricsPanel } from './_sections/metrics-panel';
import { RiskRegister } from './_sections/risk-register';
import { SchedulePanel } from './_sections/schedule-panel';
import { Section } from '@/components/ui/section';
import { Prose } from '@/components/ui/text';
import { getRelease, lookupRelease } from '@/lib/server/releases';
import { parseReleaseKey } from '@/lib/server/release-ref';
import { requireUser } from '@/lib/server/session';
import { allows } from '@/lib/server/authz';

type Params = { params: Promise<{ key: string }> };

// the key is resolved once per request, shared by the metadata and the page; the
// sections get the reference and read their own data by it
const loadRelease = cache(async (key: string) => {
  const actor = await requireUser();
  const ref = await lookupRelease(actor, key);
  const r = ref && (await getRelease(actor, ref));
  return ref && r ? { ref, r } : null;
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { key } = await params;
  const loaded = await loadRelease(key);
  return { title: loaded ? `${loaded.r.key} ${loaded.r.title}` : 'Release not found' };
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
  const loaded = await loadRelease(key);
  if (!loaded) notFound();
  const { ref, r } = loaded;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/releases" className="link">
          ← All releases
        </Link>
      </p>
      <ReleaseHeader r={r} canEdit={allows(await requireUser(), 'release.edit')} />
      <RejectionBanner r={r} />
      <LifecyclePanel release={ref} />
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
          <MetricsPanel release={ref} />
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <EnvironmentsSection r={r} />
            <StakeholdersSection r={r} />
          </div>
          <SchedulePanel release={ref} />
          <FreezeOverrides release={ref} timezone={r.timezone} />
          <PackagePanel release={ref} />
          <RiskRegister r={r} />
          <PlanTasks r={r} />
          <ApprovalsSection r={r} />
          <DeploymentsPanel release={ref} timezone={r.timezone} />
          <BackoutPanel release={ref} timezone={r.timezone} />
          <HandoverPanel release={ref} timezone={r.timezone} />
          <ReviewPanel release={ref} timezone={r.timezone} />
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
