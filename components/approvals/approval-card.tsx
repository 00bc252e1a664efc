import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { ApprovalCardView, ApprovalDecisionView, ApprovalPersonRef, ApprovalRequirementView } from '@/lib/domain/approval-card';
import type { FormState } from '@/components/forms/form-state';
import type { PackageDiffView, PackageView } from '@/lib/server/packages';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import type { RiskRegisterDto } from '@/lib/server/risks';
import type { ScheduleDto } from '@/lib/server/scheduling';
import { humanize, safeZone } from '@/components/format';
import { BackoutSection } from '@/components/releases/detail/backout-section';
import { GateList } from '@/components/releases/detail/gate-list';
import { waitsOnOthers } from '@/lib/domain/gate-view';
import { RiskHeatMapTable } from '@/components/releases/risk-heat-map';
import { ReleaseWindow } from '@/components/releases/release-window';
import { Badge, type Tone } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { PackageDiffTable } from '@/components/packages/diff-table';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { RiskBadge, StatusBadge, TypeBadge } from '@/components/ui/status-badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Digest, When } from '@/components/ui/text';
import { DecisionPanel } from './decision-form';
import { EmergencyConfirmForm } from './emergency-form';
import { releaseHref } from '@/lib/domain/release-links';
import { useStatusWords } from '@/components/i18n/status-words';

// The approval card: everything an approver needs to decide on one release, on
// one page. Pure presentation over plain data (the page loads it), so it renders
// the same in a test as in the browser. Every state is said in words as well as
// colour.

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface ApprovalCardProps {
  card: ApprovalCardView;
  /** the release detail (back-out plan, test evidence, window); null if it could not be read */
  release: ReleaseDetailDto | null;
  /** the package compared with what production runs now */
  diff: PackageDiffView | null;
  /** integrity, compatibility and scope change requests of the package (optional) */
  pkg?: PackageView | null;
  risks: RiskRegisterDto | null;
  decideAction: Action;
  confirmEmergencyAction: Action;
  /** may the viewer confirm the emergency (the server decides again) */
  canConfirmEmergency: boolean;
  /** the windows and every scheduling check (freezes, conflicts); null if it could not be read */
  schedule?: ScheduleDto | null;
  /** the "Ask a question" form for approvers (release discussion), drawn under the decision */
  question?: ReactNode;
  /** a note under the header, e.g. the standard-change pre-approval (docs/decisions/045) */
  notice?: ReactNode;
}

const person = (p: ApprovalPersonRef) => (p.team ? `${p.name} (${p.team})` : p.name);

export function ApprovalCard(props: ApprovalCardProps) {
  const { card, release } = props;
  const t = useTranslations('approvals.card');
  const zone = safeZone(release?.timezone ?? 'UTC');
  return (
    <>
      <p className="mb-2 flex flex-wrap gap-x-4 text-sm">
        <Link href="/approvals" className="link">
          {t('backToApprovals')}
        </Link>
        <Link href={releaseHref(card.releaseKey)} className="link">
          {t('openRelease')}
        </Link>
      </p>
      <CardHeader card={card} release={release} zone={zone} />
      {props.notice}
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        {/* first in reading and tab order, drawn at the top right */}
        <aside aria-label={t('decisionLandmark')} className="lg:col-start-2 lg:row-start-1">
          <div className="space-y-5 lg:sticky lg:top-4">
            <DecisionSection {...props} zone={zone} />
            {props.question}
            <RequirementsSection requirements={card.requirements} />
          </div>
        </aside>
        <div className="min-w-0 space-y-6 lg:col-start-1 lg:row-start-1">
          <HistorySection decisions={card.decisions} zone={zone} />
          <ScopeSection card={card} diff={props.diff} pkg={props.pkg ?? null} zone={zone} />
          <RiskSection card={card} risks={props.risks} />
          <GatesSection card={card} />
          {release ? (
            <BackoutSection r={release} />
          ) : (
            <Section id="backout" title={t('backout.title')}>
              <Nothing>{t('backout.notLoaded')}</Nothing>
            </Section>
          )}
          <TestEvidenceSection release={release} zone={zone} />
          <ConflictsSection schedule={props.schedule ?? null} />
        </div>
      </div>
    </>
  );
}

// ---------------------------------------------------------------- header

export function CardHeader({ card, release, zone }: { card: ApprovalCardView; release: ReleaseDetailDto | null; zone: string }) {
  const t = useTranslations('approvals.card.header');
  return (
    <div className="mb-5 rounded-md border border-gray-200 bg-white p-4">
      <h1 className="text-xl font-semibold tracking-tight text-gray-900">
        <span className="sr-only">{t('srPrefix')}</span>
        <span className="mr-2 font-mono text-gray-700">{card.releaseKey}</span>
        {card.title}
      </h1>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <StatusBadge status={card.status} />
        <TypeBadge type={card.type} />
        <RiskBadge level={card.riskLevel} />
        {card.riskScore !== null ? <span className="text-xs text-gray-700">{t('riskScore', { score: card.riskScore })}</span> : null}
        <span className="text-xs text-gray-700">
          {card.policyVersion !== null ? t('policyVersion', { version: card.policyVersion }) : t('noPolicyVersion')}
        </span>
        <span className="text-xs text-gray-700">{t('releaseVersion', { version: card.version })}</span>
      </div>
      <DescriptionList
        className="mt-3"
        columns={4}
        items={[
          { term: t('owner'), value: person(card.owner) },
          { term: t('requester'), value: person(card.requester) },
          {
            term: t('sealedPackage'),
            value: card.packageDigest ? <Digest value={card.packageDigest} /> : <span className="font-medium text-red-800">{t('notSealed')}</span>,
          },
          {
            term: t('plannedWindow'),
            value: release ? <ReleaseWindow start={release.plannedStart} end={release.plannedEnd} timezone={zone} /> : '—',
          },
          ...(release
            ? [
                {
                  term: t('targetEnvironments'),
                  value: release.targets.length ? release.targets.map((target) => target.displayName).join(' · ') : t('noTargets'),
                  double: true,
                },
                { term: t('submitted'), value: <When iso={release.submittedAt} zone={zone} empty={t('notSubmitted')} /> },
              ]
            : []),
        ]}
      />
      {release?.businessJustification ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-blue-800">{t('descriptionSummary')}</summary>
          <div className="mt-2 grid grid-cols-1 gap-3 text-sm break-words whitespace-pre-line text-gray-900 md:grid-cols-2">
            <p>{release.description || t('noDescription')}</p>
            <p>{release.businessJustification}</p>
          </div>
        </details>
      ) : null}
      <p className="mt-3 text-xs text-gray-700">{t('zoneNote', { zone })}</p>
    </div>
  );
}

// ---------------------------------------------------------------- decision

function DecisionSection({ card, decideAction, confirmEmergencyAction, canConfirmEmergency, zone }: ApprovalCardProps & { zone: string }) {
  const emergency = card.emergency;
  const t = useTranslations('approvals.card.decision');
  return (
    <Section id="decide" title={t('title')}>
      <DecisionPanel
        action={decideAction}
        releaseKey={card.releaseKey}
        packageDigest={card.packageDigest}
        canDecide={card.viewerCanDecide}
        cannotDecideBecause={card.viewerCannotDecideBecause}
      />
      {card.packageDigest ? <p className="mt-2 text-xs text-gray-700">{t.rich('binds', { digest: () => <Digest value={card.packageDigest} /> })}</p> : null}
      {emergency?.required ? (
        <div className="mt-3 border-t border-gray-200 pt-3">
          <h3 className="text-sm font-semibold text-gray-900">{t('emergencyTitle')}</h3>
          {emergency.confirmedBy ? (
            <p className="mt-1 text-sm text-gray-900">
              {t.rich('emergencyConfirmed', { person: person(emergency.confirmedBy), badge: (c) => <Badge tone="green">{c}</Badge> })}
            </p>
          ) : (
            <>
              <p className="mt-1 text-sm text-gray-900">
                {emergency.confirmBy
                  ? t.rich('emergencyNeededBy', {
                      badge: (c) => <Badge tone="red">{c}</Badge>,
                      when: () => <When iso={emergency.confirmBy} zone={zone} weekday />,
                    })
                  : t.rich('emergencyNeededAfterFirst', { badge: (c) => <Badge tone="red">{c}</Badge> })}
              </p>
              {canConfirmEmergency ? (
                <div className="mt-2">
                  <EmergencyConfirmForm action={confirmEmergencyAction} releaseKey={card.releaseKey} packageDigest={card.packageDigest} />
                </div>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------- requirements

export function RequirementsSection({ requirements }: { requirements: ApprovalRequirementView[] }) {
  const met = requirements.filter((q) => q.satisfied).length;
  const t = useTranslations('approvals.card.requirements');
  return (
    <Section id="requirements" title={t('title')} count={requirements.length}>
      {requirements.length ? (
        <>
          <p className="mb-2 text-xs text-gray-700">{t('satisfiedCount', { met, total: requirements.length })}</p>
          <ul className="space-y-3">
            {requirements.map((q) => (
              <RequirementItem key={q.id} q={q} />
            ))}
          </ul>
        </>
      ) : (
        <Nothing>{t('none')}</Nothing>
      )}
    </Section>
  );
}

function RequirementItem({ q }: { q: ApprovalRequirementView }) {
  const t = useTranslations('approvals.card.requirements');
  const word = useStatusWords();
  const given = Math.min(q.given, q.requiredCount);
  const pct = q.requiredCount > 0 ? Math.round((given / q.requiredCount) * 100) : 100;
  const from = [word('role', q.role), q.team].filter(Boolean).join(' · ') || t('anyoneEligible');
  const textId = `req-${q.id}-progress`;
  return (
    <li>
      <div className="flex items-start justify-between gap-2">
        <p className="text-sm font-medium text-gray-900">{q.description}</p>
        {q.satisfied ? (
          <Badge tone="green">{t('satisfied')}</Badge>
        ) : q.unmeetable ? (
          <Badge tone="red">{t('cannotBeMet')}</Badge>
        ) : (
          <Badge tone="amber">{t('waiting')}</Badge>
        )}
      </div>
      <p className="text-xs text-gray-700">
        {t('from', { from, distinctTeams: q.distinctTeams ? 'yes' : 'no', cabOnly: q.cabOnly ? 'yes' : 'no' })}{' '}
        <code className="ml-1 rounded bg-gray-100 px-1 text-gray-700">{q.key}</code>
      </p>
      <div className="mt-1 flex items-center gap-2">
        <div className="h-2 flex-1 overflow-hidden rounded-full bg-gray-200" aria-hidden="true">
          <div className={q.satisfied ? 'h-full bg-green-700' : 'h-full bg-blue-700'} style={{ width: `${pct}%` }} />
        </div>
        <span id={textId} className="text-xs font-medium whitespace-nowrap text-gray-900">
          {t('progress', { given, required: q.requiredCount })}
        </span>
      </div>
      {q.unmeetable ? (
        <p data-testid="unmeetable" className="mt-1 rounded border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-800">
          <span className="font-semibold">{t('unmeetable')}</span>
          {q.unmeetable}
        </p>
      ) : null}
      {!q.satisfied ? (
        <p className="mt-1 text-xs text-gray-800">
          {q.eligibleRemaining.length ? (
            t.rich('canStillApprove', {
              people: q.eligibleRemaining.map(person).join(', '),
              label: (c) => <span className="font-medium">{c}</span>,
            })
          ) : (
            <span className="font-medium">{t('nobodyLeft')}</span>
          )}
        </p>
      ) : null}
    </li>
  );
}

// ---------------------------------------------------------------- history

const STATE_TONES: Record<ApprovalDecisionView['state'], Tone> = {
  valid: 'green',
  expired: 'amber',
  invalidated: 'stone',
  superseded: 'gray',
};

export function HistorySection({ decisions, zone }: { decisions: ApprovalDecisionView[]; zone: string }) {
  const t = useTranslations('approvals.card.history');
  return (
    <Section id="history" title={t('title')} count={decisions.length}>
      {decisions.length ? (
        <ol className="divide-y divide-gray-100">
          {decisions.map((d) => {
            const state =
              d.state in STATE_TONES ? { tone: STATE_TONES[d.state], label: t(`states.${d.state}`) } : { tone: 'gray' as Tone, label: humanize(d.state) };
            return (
              <li key={d.id} id={`approval-${d.id}`} className="scroll-mt-4 py-2 first:pt-0 last:pb-0 target:bg-yellow-50" data-testid={`decision-${d.id}`}>
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-medium text-gray-900">{person(d.approver)}</span>
                  {d.decision === 'approve' ? <Badge tone="green">{t('approved')}</Badge> : <Badge tone="red">{t('rejected')}</Badge>}
                  <Badge tone={state.tone}>{state.label}</Badge>
                  <span className="text-xs text-gray-700">
                    <When iso={d.at} zone={zone} />
                  </span>
                </div>
                <p className="mt-0.5 text-sm break-words whitespace-pre-line text-gray-900">
                  {d.comment || <span className="text-gray-700 italic">{t('noComment')}</span>}
                </p>
                <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-gray-700">
                  {d.countsFor ? (
                    <span>{t.rich('countsFor', { requirement: d.countsFor, code: (c) => <code className="rounded bg-gray-100 px-1">{c}</code> })}</span>
                  ) : null}
                  <span>{t.rich('package', { digest: () => <Digest value={d.packageDigest} /> })}</span>
                  {d.expiresAt && d.state === 'valid' ? <span>{t.rich('validUntil', { when: () => <When iso={d.expiresAt} zone={zone} /> })}</span> : null}
                </p>
                {d.state !== 'valid' ? (
                  <p className="mt-0.5 text-xs font-medium text-gray-900">
                    {d.invalidatedReason ?? (d.state === 'expired' ? t('expiredNote') : d.state === 'superseded' ? t('supersededNote') : t('noLongerCounts'))}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <Nothing>{t('empty')}</Nothing>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- scope

function PackageFacts({ card, pkg, zone }: { card: ApprovalCardView; pkg: PackageView; zone: string }) {
  const pending = pkg.scopeChanges.filter((c) => c.status === 'pending' || c.status === 'approved');
  const integrity = pkg.integrity;
  const current = integrity && integrity.revision === pkg.package?.revision;
  const t = useTranslations('approvals.card.packageFacts');
  return (
    <ul className="mb-3 space-y-1 text-sm text-gray-900" data-testid="package-facts">
      <li>
        <span className="font-medium">{t('integrity')}</span>
        {!integrity ? (
          <span>{t('notVerified')}</span>
        ) : integrity.ok && current ? (
          <span>
            {t.rich('verified', {
              by: integrity.by,
              badge: (c) => <Badge tone="green">{c}</Badge>,
              when: () => <When iso={integrity.verifiedAt} zone={zone} />,
            })}
          </span>
        ) : integrity.ok ? (
          <span>{t.rich('verifiedEarlier', { revision: String(integrity.revision ?? '?'), badge: (c) => <Badge tone="amber">{c}</Badge> })}</span>
        ) : (
          <span>
            {t.rich('failed', {
              problems: integrity.problems.join(' ') || t('digestMismatch'),
              badge: (c) => <Badge tone="red">{c}</Badge>,
              when: () => <When iso={integrity.verifiedAt} zone={zone} />,
            })}
          </span>
        )}
      </li>
      <li>
        <span className="font-medium">{t('compatibility')}</span>
        {pkg.compatibility.length ? (
          <>
            <Badge tone="red">{t('problems', { count: pkg.compatibility.length })}</Badge>
            <ul className="mt-0.5 list-disc pl-5 text-xs">
              {pkg.compatibility.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </>
        ) : (
          <span>
            {pkg.targets.length
              ? t.rich('compatibleWithTargets', { targets: pkg.targets.join(', '), badge: (c) => <Badge tone="green">{c}</Badge> })
              : t.rich('compatible', { badge: (c) => <Badge tone="green">{c}</Badge> })}
          </span>
        )}
      </li>
      {pending.length ? (
        <li>
          <span className="font-medium">{t('scopeChanges')}</span>
          {t.rich('scopeRequests', {
            count: pending.length,
            badge: (c) => <Badge tone="amber">{c}</Badge>,
            digest: () => <Digest value={card.packageDigest} />,
          })}
          <ul className="mt-0.5 list-disc pl-5 text-xs">
            {pending.map((c) => (
              <li key={c.id}>
                {t('scopeRequest', {
                  reason: c.reason,
                  status: c.status,
                  label: humanize(c.status),
                  name: c.requestedBy.name,
                  items: c.items.map((i) => `${i.action} ${i.component}${i.version ? `@${i.version}` : ''}`).join(', '),
                })}
              </li>
            ))}
          </ul>
        </li>
      ) : null}
    </ul>
  );
}

// the notes column's classes (a constant: the text lint reads a class list in a JSX attribute as words)
const NOTES_CLASS = 'max-w-md text-xs break-words whitespace-pre-line';

export function ScopeSection({
  card,
  diff,
  pkg = null,
  zone = 'UTC',
}: {
  card: ApprovalCardView;
  diff: PackageDiffView | null;
  pkg?: PackageView | null;
  zone?: string;
}) {
  const fullDiff = `/releases/${card.releaseKey}/diff?against=environment:production`;
  const d = diff?.diff;
  const changes = d ? d.added.length + d.changed.length + d.removed.length : 0;
  const t = useTranslations('approvals.card.scope');
  return (
    <Section
      id="scope"
      title={t('title')}
      count={changes}
      actions={
        <Link href={fullDiff} className="link text-sm">
          {t('fullDiff')}
        </Link>
      }
    >
      {pkg ? <PackageFacts card={card} pkg={pkg} zone={zone} /> : null}
      {!diff ? (
        <Nothing>{t('notCompared')}</Nothing>
      ) : diff.error ? (
        <Nothing>{diff.error}</Nothing>
      ) : !d || (changes === 0 && d.unchanged.length === 0) ? (
        <Nothing>{t('noBuilds')}</Nothing>
      ) : (
        <>
          <p className="mb-2 text-xs text-gray-700">{t('comparedWith', { against: diff.againstLabel })}</p>
          <PackageDiffTable
            diff={d}
            caption={t('diffCaption')}
            fromHeading={t('inProduction')}
            toHeading={t('thisRelease')}
            notesHeading={t('whatChanged')}
            notesClassName={NOTES_CLASS}
            addedNotes={(b) => b.notes || '—'}
            changedNotes={(c) =>
              (c.between.length ? c.between : [c.to])
                .map((b) => b.notes)
                .filter(Boolean)
                .join('\n') || '—'
            }
            unchangedNote={t('unchanged')}
          />
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-blue-800">{t('notesSummary')}</summary>
            <pre
              className="mt-2 max-h-[28rem] overflow-auto rounded border border-gray-200 bg-gray-50 p-2 text-xs break-words whitespace-pre-wrap text-gray-900"
              tabIndex={0}
              aria-label={t('notesLabel')}
            >
              {diff.markdown}
            </pre>
          </details>
        </>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- risk

const RISK_STATUS_TONES: Record<string, Tone> = { open: 'red', mitigated: 'blue', accepted: 'amber', closed: 'gray' };

export function RiskSection({ card, risks }: { card: ApprovalCardView; risks: RiskRegisterDto | null }) {
  const t = useTranslations('approvals.card.risk');
  const word = useStatusWords();
  return (
    <Section id="risk" title={t('title')}>
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-gray-700">{t('level')}</span>
        <RiskBadge level={card.riskLevel} />
        {card.riskScore !== null ? <span className="text-gray-700">{t('score', { score: card.riskScore })}</span> : null}
        {risks?.noKnownRisks ? <Badge tone="green">{t('noKnownRisks')}</Badge> : null}
      </div>
      {card.riskFactors.length ? (
        <Table caption={t('factorsCaption')} className="mb-3">
          <THead>
            <tr>
              <Th>{t('factor')}</Th>
              <Th className="text-right">{t('contribution')}</Th>
              <Th>{t('why')}</Th>
            </tr>
          </THead>
          <TBody>
            {card.riskFactors.map((f, i) => (
              <Tr key={i}>
                <Td className="font-medium">{f.name}</Td>
                <Td className="text-right font-mono">{f.contribution > 0 ? `+${f.contribution}` : f.contribution}</Td>
                <Td className="text-xs">{f.detail || '—'}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <div className="mb-3">
          <Nothing>{t('noFactors')}</Nothing>
        </div>
      )}
      {risks ? (
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
          <RiskHeatMapTable counts={risks.heatMap} />
          <div className="min-w-0 flex-1">
            {risks.risks.length ? (
              <Table caption={t('registerCaption')}>
                <THead>
                  <tr>
                    <Th>{t('risk')}</Th>
                    <Th>{t('likelihoodImpact')}</Th>
                    <Th>{t('scoreHeading')}</Th>
                    <Th>{t('status')}</Th>
                    <Th>{t('mitigation')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {risks.risks.map((k) => (
                    <Tr key={k.id}>
                      <Td className="min-w-40">
                        <span className="font-medium">{k.title}</span>
                        {k.owner ? <span className="block text-xs text-gray-700">{t('owner', { name: k.owner })}</span> : null}
                      </Td>
                      <Td className="whitespace-nowrap">
                        {k.likelihood} × {k.impact}
                      </Td>
                      <Td className="font-semibold">{k.score}</Td>
                      <Td>
                        <Badge tone={RISK_STATUS_TONES[k.status] ?? 'gray'}>{word('risk', k.status)}</Badge>
                      </Td>
                      <Td className="min-w-40 text-xs break-words whitespace-pre-line">
                        {k.mitigation || <span className="text-gray-700">{t('noMitigation')}</span>}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            ) : (
              <Nothing>{risks.noKnownRisks ? t('statedNoRisks') : t('noRisks')}</Nothing>
            )}
          </div>
        </div>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------- gates

export function GatesSection({ card }: { card: ApprovalCardView }) {
  const unmet = card.gates.filter((g) => !g.passed).length;
  const t = useTranslations('approvals.card.gates');
  return (
    <Section id="gates" title={t('title')} count={card.gates.length}>
      {card.gates.length ? (
        <>
          <p className="mb-2 text-sm text-gray-900">{unmet ? t('unmet', { unmet, total: card.gates.length }) : t('allMet')}</p>
          {/* approvals still to come are waited for, not fixed: red only for anything else */}
          <GateList gates={card.gates} idPrefix="approve-gate" alarm={card.gates.some((g) => !g.passed && !waitsOnOthers(g.rule))} />
        </>
      ) : (
        <Nothing>{t('none')}</Nothing>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- test evidence

const VERIFICATION_TONES: Record<string, Tone> = { passed: 'green', failed: 'red', skipped: 'gray' };

export function TestEvidenceSection({ release, zone }: { release: ReleaseDetailDto | null; zone: string }) {
  const deployments = (release?.deployments ?? []).filter((d) => d.verifications.length > 0);
  const count = deployments.reduce((n, d) => n + d.verifications.length, 0);
  const t = useTranslations('approvals.card.evidence');
  const word = useStatusWords();
  let body: ReactNode;
  if (!release) body = <Nothing>{t('notLoaded')}</Nothing>;
  else if (!deployments.length) body = <Nothing>{t('none')}</Nothing>;
  else
    body = (
      <ul className="space-y-3">
        {deployments.map((d) => (
          <li key={d.id}>
            <h3 className="text-sm font-semibold text-gray-900">
              {t.rich('deployment', {
                kind: d.kind === 'backout' ? 'backout' : 'deployment',
                environment: d.environment,
                status: word('deployment', d.status),
                muted: (c) => <span className="text-xs font-normal text-gray-700">{c}</span>,
              })}
            </h3>
            <ul className="mt-1 space-y-1">
              {d.verifications.map((v) => (
                <li key={v.id} className="flex flex-wrap items-center gap-2 text-xs">
                  <Badge tone={VERIFICATION_TONES[v.status] ?? 'gray'}>{word('verification', v.status)}</Badge>
                  <span className="font-medium text-gray-900">{v.name}</span>
                  {v.details ? <span className="text-gray-800">{v.details}</span> : null}
                  <span className="text-gray-700">
                    <When iso={v.recordedAt} zone={zone} />
                  </span>
                  {v.evidenceUrl ? (
                    <a href={v.evidenceUrl} className="link" rel="noreferrer noopener" target="_blank">
                      {t.rich('link', { name: v.name, sr: (c) => <span className="sr-only">{c}</span> })}
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    );
  return (
    <Section id="evidence" title={t('title')} count={release ? count : undefined}>
      {body}
    </Section>
  );
}

// ---------------------------------------------------------------- conflicts and freezes

/** The release's windows and what the scheduling checks say about them now. */
export function ConflictsSection({ schedule }: { schedule: ScheduleDto | null }) {
  const planned = schedule?.windows.filter((w) => w.label) ?? [];
  const t = useTranslations('approvals.card.conflicts');
  return (
    <Section id="conflicts" title={t('title')} count={schedule?.check.problems.length}>
      {!schedule ? (
        <Nothing>{t('notRead')}</Nothing>
      ) : planned.length === 0 ? (
        <Nothing>{t('noWindow')}</Nothing>
      ) : (
        <div className="space-y-2 text-sm">
          <ul className="text-gray-900">
            {planned.map((w) => (
              <li key={w.environment}>
                {t.rich('window', { name: w.displayName, label: w.label ?? '', strong: (c) => <span className="font-medium">{c}</span> })}
              </li>
            ))}
          </ul>
          {schedule.check.problems.length === 0 ? (
            <p className="text-green-800">{t('noProblems')}</p>
          ) : (
            <ul aria-label={t('problems')} className="space-y-1">
              {schedule.check.problems.map((p, i) => (
                <li key={i} className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-amber-950">
                  {p.message}
                  {p.acknowledged ? (
                    <span className="block text-xs">
                      {p.acknowledgement ? t('acknowledgedBy', { by: p.acknowledgement.by, reason: p.acknowledgement.reason }) : t('acknowledged')}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Section>
  );
}
