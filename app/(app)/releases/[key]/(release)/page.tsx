import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge } from '@/components/ui/badge';
import { Section } from '@/components/ui/section';
import { RiskBadge, StatusBadge } from '@/components/ui/status-badge';
import { When } from '@/components/ui/text';
import { MarkdownText } from '@/components/ui/markdown';
import { safeZone } from '@/components/format';
import { OldAnchorRedirect } from '@/components/releases/old-anchor-redirect';
import type { ReleaseStatus } from '@/lib/domain/lifecycle';
import type { Locale } from '@/lib/domain/locale';
import { GateWhy } from '@/components/releases/detail/gate-list';
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
import { getStandardChangeStatus, localizeStandardChange } from '@/lib/server/standard-changes';
import { listTemplates } from '@/lib/server/templates';

export async function generateMetadata({ params }: PartParams): Promise<Metadata> {
  return partMetadata((await params).key, 'overview');
}

/** "starts in 2 d 4 h", "ends in 40 min", "ended 3 d ago", against the server clock: which, and how long. */
function countdown(start: string | null, end: string | null, nowIso: string, language: Locale) {
  if (!start || !end) return null;
  const now = Date.parse(nowIso);
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (now < s) return { kind: 'startsIn', duration: formatDuration(s - now, language) } as const;
  if (now < e) return { kind: 'openNow', duration: formatDuration(e - now, language) } as const;
  return { kind: 'ended', duration: formatDuration(now - e, language) } as const;
}

export default async function ReleaseOverviewPage({ params }: PartParams) {
  const { key } = await params;
  const { actor, ref, header: r } = await releaseForPart(key, 'overview');
  const o = await getReleaseOverview(actor, ref);
  if (!o) notFound();
  const zone = safeZone(r.timezone);
  const gates = await getReleaseGatesOnce(actor, ref);
  const step = nextStepFor(r.status, (p) => can(actor.roles, p), r.key);
  const t = await getTranslations('release-page.overview');
  const language = (await getLocale()) as Locale;
  const until = countdown(r.plannedStart, r.plannedEnd, o.readAt, language);
  const when = until ? t(`window.${until.kind}`, { duration: until.duration }) : null;
  // the forward step the lifecycle offers first (cancel and roll back are never "next")
  const forward = gates?.transitions.find((x) => !['cancelled', 'rejected', 'rolled_back'].includes(x.to)) ?? null;
  const blockers = forward ? forward.gates.filter((g) => !g.passed) : [];
  const ts = await getTranslations('statuses');
  const stepWord = forward ? ts(`transition.${forward.to as ReleaseStatus}.label`).toLowerCase() : '';
  const p = o.approvalProgress;
  const standard = localizeStandardChange(await getStandardChangeStatus(actor, ref), await getLocale());
  const canSaveTemplate = can(actor.roles, 'template.write');
  const canCopy = can(actor.roles, 'release.create');
  const templateNames = canSaveTemplate ? (await listTemplates(actor, { includeRetired: true })).map((x) => x.name) : [];

  return (
    <>
      <OldAnchorRedirect releaseKey={r.key} />
      <RejectionBanner r={o} />
      <StandardChangeNote s={standard} />
      <Section id="at-a-glance" title={t('title')} className="mb-5">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <div>
            <dt className="text-xs font-medium text-gray-700">{t('status')}</dt>
            <dd className="mt-0.5">
              <StatusBadge status={r.status} />
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium text-gray-700">{t('nextStep.term')}</dt>
            <dd className="mt-0.5 text-gray-900" data-testid="next-step">
              {step ? (
                <>
                  {t(`nextStep.steps.${step.key}`)}{' '}
                  <Link href={step.href ?? releaseHref(r.key, step.part, step.anchor)} className="link whitespace-nowrap">
                    {step.href ? t('nextStep.openApprovalCard') : t('nextStep.goThere')}
                  </Link>
                </>
              ) : (
                <span className="text-gray-800">
                  {ts.has(`releaseWord.${r.status as ReleaseStatus}`)
                    ? t('nextStep.nothingWhile', { key: r.key, status: ts(`releaseWord.${r.status as ReleaseStatus}`) })
                    : t('nextStep.nothingNow', { key: r.key })}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">{t('window.term')}</dt>
            <dd className="mt-0.5 text-gray-900">
              {when ?? t('window.none')}{' '}
              <Link href={releaseHref(r.key, 'schedule')} className="link whitespace-nowrap">
                {t('window.link')}
              </Link>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">{t('risk.term')}</dt>
            <dd className="mt-0.5 flex flex-wrap items-center gap-2">
              <RiskBadge level={r.riskLevel} />
              {r.riskFactors?.score != null ? <span className="text-gray-700">{t('risk.score', { score: r.riskFactors.score })}</span> : null}
              <Link href={releaseHref(r.key, 'risks')} className="link">
                {t('risk.link')}
              </Link>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">{t('approvals.term')}</dt>
            <dd className="mt-0.5 text-gray-900">
              {p.requirements ? (
                <>
                  {t('approvals.given', { given: p.given, required: p.required })}
                  <span className="block text-xs text-gray-700">{t('approvals.satisfied', { satisfied: p.satisfied, requirements: p.requirements })}</span>
                </>
              ) : (
                t('approvals.none')
              )}{' '}
              <Link href={releaseHref(r.key, 'approvals')} className="link whitespace-nowrap">
                {t('approvals.link')}
              </Link>
            </dd>
          </div>
          <div className="sm:col-span-2 lg:col-span-3">
            <dt className="text-xs font-medium text-gray-700">{t('blockers.term')}</dt>
            <dd className="mt-0.5 text-gray-900" data-testid="blockers">
              {!forward ? (
                t('blockers.noFurtherStep')
              ) : blockers.length === 0 ? (
                t.rich('blockers.allMet', {
                  step: stepWord,
                  badge: (c) => <Badge tone="green">{c}</Badge>,
                })
              ) : (
                <>
                  {t('blockers.notMet', { unmet: blockers.length, total: forward.gates.length, step: stepWord })}{' '}
                  <a href="#lifecycle" className="link whitespace-nowrap">
                    {t('blockers.seeEveryGate')}
                  </a>
                  <ul className="mt-1 list-disc space-y-0.5 pl-5">
                    {blockers.slice(0, 3).map((b) => (
                      <li key={b.rule}>
                        <GateWhy gate={b} />
                      </li>
                    ))}
                    {blockers.length > 3 ? <li>{t('blockers.more', { count: blockers.length - 3 })}</li> : null}
                  </ul>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">{t('dates.submitted')}</dt>
            <dd className="mt-0.5 text-gray-900">
              <When iso={o.submittedAt} zone={zone} empty={t('dates.notYet')} />
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">{t('dates.approved')}</dt>
            <dd className="mt-0.5 text-gray-900">
              <When iso={o.approvedAt} zone={zone} empty={t('dates.notYet')} />
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-gray-700">{t('dates.closedLastChanged')}</dt>
            <dd className="mt-0.5 text-gray-900">
              <When iso={o.closedAt} zone={zone} empty={t('dates.notYet')} /> · <When iso={o.updatedAt} zone={zone} />
            </dd>
          </div>
        </dl>
      </Section>
      <ClientMessages namespaces={['releases']}>
        <LifecyclePanel release={ref} />
      </ClientMessages>
      <div className="space-y-6">
        <Section id="overview" title={t('description.title')}>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <div>
              <h3 className="mb-1 text-xs font-semibold text-gray-800">{t('description.description')}</h3>
              <MarkdownText text={o.description} empty={t('description.noDescription')} />
            </div>
            <div>
              <h3 className="mb-1 text-xs font-semibold text-gray-800">{t('description.justification')}</h3>
              <MarkdownText text={o.businessJustification} empty={t('description.noJustification')} />
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
          <Section id="templates-and-copies" title={t('templatesTitle')}>
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
