import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { Section } from '@/components/ui/section';
import { RiskBadge, StatusBadge } from '@/components/ui/status-badge';
import { When } from '@/components/ui/text';
import { MarkdownText } from '@/components/ui/markdown';
import { safeZone } from '@/components/format';
import { OldAnchorRedirect } from '@/components/releases/old-anchor-redirect';
import { STATUS_WORDS } from '@/lib/domain/lifecycle';
import { can } from '@/lib/domain/permissions';
import { formatDuration } from '@/lib/domain/release-metrics';
import { nextStepFor, releaseHref } from '@/lib/domain/release-parts';
import { getReleaseOverview } from '@/lib/server/release-views';
import { getReleaseGatesOnce } from '@/lib/server/transitions';
import { EnvironmentsSection, StakeholdersSection } from '../_sections/environments-section';
import { LifecyclePanel } from '../_sections/lifecycle-panel';
import { ManagersSection } from '../_sections/managers-section';
import { TrainSection } from '../_sections/train-section';
import { RejectionBanner } from '../_sections/rejection-banner';
import { partMetadata, releaseForPart, type PartParams } from '../_lib/release-page';
import { TemplatePanel } from '../_sections/template-panel';
import { copyReleaseAction, saveAsTemplateAction } from '../template-actions';
import { StandardChangeNote } from '@/components/templates/standard-change-note';
import { getStandardChangeStatus } from '@/lib/server/standard-changes';
import { listTemplates } from '@/lib/server/templates';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'overview');
}

/** "starts in 2 d 4 h", "ends in 40 min", "ended 3 d ago", against the server clock. */
function countdown(start: string | null, end: string | null, nowIso: string): string | null {
  if (!start || !end) return null;
  const now = Date.parse(nowIso);
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (now < s) return `Starts in ${formatDuration(s - now)}`;
  if (now < e) return `Open now: ends in ${formatDuration(e - now)}`;
  return `Ended ${formatDuration(now - e)} ago`;
}

export default async function ReleaseOverviewPage({ params }: PartParams) {
  const { key } = await params;
  const { actor, ref, header: r } = await releaseForPart(key, 'overview');
  const o = await getReleaseOverview(actor, ref);
  if (!o) notFound();
  const zone = safeZone(r.timezone);
  const gates = await getReleaseGatesOnce(actor, ref);
  const step = nextStepFor(r.status, (p) => can(actor.roles, p), r.key);
  const when = countdown(r.plannedStart, r.plannedEnd, o.readAt);
  // the forward step the lifecycle offers first (cancel and roll back are never "next")
  const forward = gates?.transitions.find((t) => !['cancelled', 'rejected', 'rolled_back'].includes(t.to)) ?? null;
  const blockers = forward ? forward.gates.filter((g) => !g.passed) : [];
  const p = o.approvalProgress;
  const standard = await getStandardChangeStatus(actor, ref);
  const canSaveTemplate = can(actor.roles, 'template.write');
  const canCopy = can(actor.roles, 'release.create');
  const templateNames = canSaveTemplate ? (await listTemplates(actor, { includeRetired: true })).map((t) => t.name) : [];

  return (
    <>
      <OldAnchorRedirect releaseKey={r.key} />
      <RejectionBanner r={o} />
      <StandardChangeNote s={standard} />
      <Section id="at-a-glance" title="At a glance" className="mb-5">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <div>
            <dt className="text-xs font-medium text-gray-700">Status</dt>
            <dd className="mt-0.5">
              <StatusBadge status={r.status} />
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium text-gray-700">Your next step</dt>
            <dd className="mt-0.5 text-gray-900" data-testid="next-step">
              {step ? (
                <>
                  {step.text}{' '}
                  <Link href={step.href ?? releaseHref(r.key, step.part, step.anchor)} className="link whitespace-nowrap">
                    {step.href ? 'Open the approval card' : 'Go there'}
                  </Link>
                </>
              ) : (
                <span className="text-gray-800">
                  Nothing for you to do on {r.key} {STATUS_WORDS[r.status] ? `while it is ${STATUS_WORDS[r.status]}` : 'now'}.
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">Window</dt>
            <dd className="mt-0.5 text-gray-900">
              {when ?? 'No window planned yet.'}{' '}
              <Link href={releaseHref(r.key, 'schedule')} className="link whitespace-nowrap">
                Schedule
              </Link>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">Risk level</dt>
            <dd className="mt-0.5 flex flex-wrap items-center gap-2">
              <RiskBadge level={r.riskLevel} />
              {r.riskFactors?.score != null ? <span className="text-gray-700">score {r.riskFactors.score}</span> : null}
              <Link href={releaseHref(r.key, 'risks')} className="link">
                Risks
              </Link>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">Approvals</dt>
            <dd className="mt-0.5 text-gray-900">
              {p.requirements ? (
                <>
                  {p.given} of {p.required} approval{p.required === 1 ? '' : 's'} given
                  <span className="block text-xs text-gray-700">
                    {p.satisfied} of {p.requirements} requirement{p.requirements === 1 ? '' : 's'} satisfied
                  </span>
                </>
              ) : (
                'None required yet (set when the release is submitted).'
              )}{' '}
              <Link href={releaseHref(r.key, 'approvals')} className="link whitespace-nowrap">
                Approvals
              </Link>
            </dd>
          </div>
          <div className="sm:col-span-2 lg:col-span-3">
            <dt className="text-xs font-medium text-gray-700">What blocks the next step</dt>
            <dd className="mt-0.5 text-gray-900" data-testid="blockers">
              {!forward ? (
                'Nothing: the lifecycle offers no further step.'
              ) : blockers.length === 0 ? (
                <>
                  <Badge tone="green">All gates met</Badge> to {forward.label.toLowerCase()}.
                </>
              ) : (
                <>
                  {blockers.length} of {forward.gates.length} gate{forward.gates.length === 1 ? '' : 's'} to {forward.label.toLowerCase()} not met{' '}
                  <a href="#lifecycle" className="link whitespace-nowrap">
                    (see every gate)
                  </a>
                  <ul className="mt-1 list-disc space-y-0.5 pl-5">
                    {blockers.slice(0, 3).map((b) => (
                      <li key={b.rule}>{b.why}</li>
                    ))}
                    {blockers.length > 3 ? <li>and {blockers.length - 3} more</li> : null}
                  </ul>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">Submitted</dt>
            <dd className="mt-0.5 text-gray-900">
              <When iso={o.submittedAt} zone={zone} empty="Not yet" />
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">Approved</dt>
            <dd className="mt-0.5 text-gray-900">
              <When iso={o.approvedAt} zone={zone} empty="Not yet" />
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">Closed · last changed</dt>
            <dd className="mt-0.5 text-gray-900">
              <When iso={o.closedAt} zone={zone} empty="Not yet" /> · <When iso={o.updatedAt} zone={zone} />
            </dd>
          </div>
        </dl>
      </Section>
      <LifecyclePanel release={ref} />
      <div className="space-y-6">
        <Section id="overview" title="Description and justification">
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <div>
              <h3 className="mb-1 text-xs font-semibold text-gray-800">Description</h3>
              <MarkdownText text={o.description} empty="No description yet." />
            </div>
            <div>
              <h3 className="mb-1 text-xs font-semibold text-gray-800">Business justification</h3>
              <MarkdownText text={o.businessJustification} empty="No business justification yet." />
            </div>
          </div>
        </Section>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <EnvironmentsSection r={o} />
          <div className="space-y-6">
            <ManagersSection r={ref} />
            <TrainSection r={ref} />
            <StakeholdersSection r={o} />
          </div>
        </div>
        {canSaveTemplate || canCopy ? (
          <Section id="templates-and-copies" title="Templates and copies">
            <TemplatePanel
              releaseKey={r.key}
              title={r.title}
              canSave={canSaveTemplate}
              canCopy={canCopy}
              templateNames={templateNames}
              saveAction={saveAsTemplateAction}
              copyAction={copyReleaseAction}
            />
          </Section>
        ) : null}
      </div>
    </>
  );
}
