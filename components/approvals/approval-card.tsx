import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ApprovalCardView, ApprovalDecisionView, ApprovalPersonRef, ApprovalRequirementView } from '@/lib/domain/approval-card';
import type { FormState } from '@/components/forms/form-state';
import type { PackageDiffView, PackageView } from '@/lib/server/packages';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import type { RiskRegisterDto } from '@/lib/server/risks';
import type { ScheduleDto } from '@/lib/server/scheduling';
import { ROLE_LABELS, type Role } from '@/lib/domain/permissions';
import { humanize, plural, safeZone } from '@/components/format';
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
import { releaseHref } from '@/lib/domain/release-parts';

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

const roleLabel = (role: string | null) => (role && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : role);

const person = (p: ApprovalPersonRef) => (p.team ? `${p.name} (${p.team})` : p.name);

export function ApprovalCard(props: ApprovalCardProps) {
  const { card, release } = props;
  const zone = safeZone(release?.timezone ?? 'UTC');
  return (
    <>
      <p className="mb-2 flex flex-wrap gap-x-4 text-sm">
        <Link href="/approvals" className="link">
          ← Approvals
        </Link>
        <Link href={releaseHref(card.releaseKey)} className="link">
          Open the release page
        </Link>
      </p>
      <CardHeader card={card} release={release} zone={zone} />
      {props.notice}
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        {/* first in reading and tab order, drawn at the top right */}
        <aside aria-label="Decision" className="lg:col-start-2 lg:row-start-1">
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
            <Section id="backout" title="Back-out plan">
              <Nothing>The back-out plan could not be loaded.</Nothing>
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
  return (
    <div className="mb-5 rounded-md border border-gray-200 bg-white p-4">
      <h1 className="text-xl font-semibold tracking-tight text-gray-900">
        <span className="sr-only">Approval card: </span>
        <span className="mr-2 font-mono text-gray-700">{card.releaseKey}</span>
        {card.title}
      </h1>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <StatusBadge status={card.status} />
        <TypeBadge type={card.type} />
        <RiskBadge level={card.riskLevel} />
        {card.riskScore !== null ? <span className="text-xs text-gray-700">risk score {card.riskScore}</span> : null}
        <span className="text-xs text-gray-700">· {card.policyVersion !== null ? `Policy v${card.policyVersion}` : 'No policy version recorded'}</span>
        <span className="text-xs text-gray-700">· Release version {card.version}</span>
      </div>
      <DescriptionList
        className="mt-3"
        columns={4}
        items={[
          { term: 'Owner', value: person(card.owner) },
          { term: 'Requester', value: person(card.requester) },
          {
            term: 'Sealed package',
            value: card.packageDigest ? <Digest value={card.packageDigest} /> : <span className="font-medium text-red-800">Not sealed</span>,
          },
          {
            term: 'Planned window',
            value: release ? <ReleaseWindow start={release.plannedStart} end={release.plannedEnd} timezone={zone} /> : '—',
          },
          ...(release
            ? [
                {
                  term: 'Target environments',
                  value: release.targets.length ? release.targets.map((t) => t.displayName).join(' · ') : 'None yet',
                  double: true,
                },
                { term: 'Submitted', value: <When iso={release.submittedAt} zone={zone} empty="Not yet" /> },
              ]
            : []),
        ]}
      />
      {release?.businessJustification ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-blue-800">Description and business justification</summary>
          <div className="mt-2 grid grid-cols-1 gap-3 text-sm break-words whitespace-pre-line text-gray-900 md:grid-cols-2">
            <p>{release.description || 'No description.'}</p>
            <p>{release.businessJustification}</p>
          </div>
        </details>
      ) : null}
      <p className="mt-3 text-xs text-gray-700">Times on this card are in {zone}, the release&apos;s time zone.</p>
    </div>
  );
}

// ---------------------------------------------------------------- decision

function DecisionSection({ card, decideAction, confirmEmergencyAction, canConfirmEmergency, zone }: ApprovalCardProps & { zone: string }) {
  const emergency = card.emergency;
  return (
    <Section id="decide" title="Your decision">
      <DecisionPanel
        action={decideAction}
        releaseKey={card.releaseKey}
        packageDigest={card.packageDigest}
        canDecide={card.viewerCanDecide}
        cannotDecideBecause={card.viewerCannotDecideBecause}
      />
      {card.packageDigest ? (
        <p className="mt-2 text-xs text-gray-700">
          Your decision binds to the package sealed as <Digest value={card.packageDigest} />. If the scope changes before you send it, it is refused and you see
          the new scope.
        </p>
      ) : null}
      {emergency?.required ? (
        <div className="mt-3 border-t border-gray-200 pt-3">
          <h3 className="text-sm font-semibold text-gray-900">Emergency confirmation</h3>
          {emergency.confirmedBy ? (
            <p className="mt-1 text-sm text-gray-900">
              <Badge tone="green">Confirmed</Badge> by {person(emergency.confirmedBy)}.
            </p>
          ) : (
            <>
              <p className="mt-1 text-sm text-gray-900">
                <Badge tone="red">Not confirmed yet</Badge> This emergency release needs a second person&apos;s confirmation
                {emergency.confirmBy ? (
                  <>
                    {' '}
                    by <When iso={emergency.confirmBy} zone={zone} weekday />
                  </>
                ) : (
                  ', after a first approval'
                )}
                .
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
  return (
    <Section id="requirements" title="Required approvals" count={requirements.length}>
      {requirements.length ? (
        <>
          <p className="mb-2 text-xs text-gray-700">
            {met} of {plural(requirements.length, 'requirement')} satisfied.
          </p>
          <ul className="space-y-3">
            {requirements.map((q) => (
              <RequirementItem key={q.id} q={q} />
            ))}
          </ul>
        </>
      ) : (
        <Nothing>No approval requirements: they are derived from the policy when the release is submitted.</Nothing>
      )}
    </Section>
  );
}

function RequirementItem({ q }: { q: ApprovalRequirementView }) {
  const given = Math.min(q.given, q.requiredCount);
  const pct = q.requiredCount > 0 ? Math.round((given / q.requiredCount) * 100) : 100;
  const from = [roleLabel(q.role), q.team].filter(Boolean).join(' · ') || 'anyone eligible';
  const textId = `req-${q.id}-progress`;
  return (
    <li>
      <div className="flex items-start justify-between gap-2">
        <p className="text-sm font-medium text-gray-900">{q.description}</p>
        {q.satisfied ? <Badge tone="green">Satisfied</Badge> : q.unmeetable ? <Badge tone="red">Cannot be met</Badge> : <Badge tone="amber">Waiting</Badge>}
      </div>
      <p className="text-xs text-gray-700">
        From {from}
        {q.distinctTeams ? ', each from a different team' : ''}
        {q.cabOnly ? ', CAB members only' : ''} <code className="ml-1 rounded bg-gray-100 px-1 text-gray-700">{q.key}</code>
      </p>
      <div className="mt-1 flex items-center gap-2">
        <div className="h-2 flex-1 overflow-hidden rounded-full bg-gray-200" aria-hidden="true">
          <div className={q.satisfied ? 'h-full bg-green-700' : 'h-full bg-blue-700'} style={{ width: `${pct}%` }} />
        </div>
        <span id={textId} className="text-xs font-medium whitespace-nowrap text-gray-900">
          {given} of {q.requiredCount} approvals
        </span>
      </div>
      {q.unmeetable ? (
        <p data-testid="unmeetable" className="mt-1 rounded border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-800">
          <span className="font-semibold">Warning: this requirement cannot be met. </span>
          {q.unmeetable}
        </p>
      ) : null}
      {!q.satisfied ? (
        <p className="mt-1 text-xs text-gray-800">
          {q.eligibleRemaining.length ? (
            <>
              <span className="font-medium">Can still approve:</span> {q.eligibleRemaining.map(person).join(', ')}
            </>
          ) : (
            <span className="font-medium">Nobody eligible is left to approve.</span>
          )}
        </p>
      ) : null}
    </li>
  );
}

// ---------------------------------------------------------------- history

const STATE_BADGE: Record<ApprovalDecisionView['state'], { tone: Tone; label: string }> = {
  valid: { tone: 'green', label: 'Counts' },
  expired: { tone: 'amber', label: 'Expired' },
  invalidated: { tone: 'stone', label: 'Invalidated' },
  superseded: { tone: 'gray', label: 'Superseded' },
};

export function HistorySection({ decisions, zone }: { decisions: ApprovalDecisionView[]; zone: string }) {
  return (
    <Section id="history" title="Approval history" count={decisions.length}>
      {decisions.length ? (
        <ol className="divide-y divide-gray-100">
          {decisions.map((d) => {
            const state = STATE_BADGE[d.state] ?? { tone: 'gray' as Tone, label: humanize(d.state) };
            return (
              <li key={d.id} id={`approval-${d.id}`} className="scroll-mt-4 py-2 first:pt-0 last:pb-0 target:bg-yellow-50" data-testid={`decision-${d.id}`}>
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-medium text-gray-900">{person(d.approver)}</span>
                  {d.decision === 'approve' ? <Badge tone="green">Approved</Badge> : <Badge tone="red">Rejected</Badge>}
                  <Badge tone={state.tone}>{state.label}</Badge>
                  <span className="text-xs text-gray-700">
                    <When iso={d.at} zone={zone} />
                  </span>
                </div>
                <p className="mt-0.5 text-sm break-words whitespace-pre-line text-gray-900">
                  {d.comment || <span className="text-gray-700 italic">No comment.</span>}
                </p>
                <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-gray-700">
                  {d.countsFor ? (
                    <span>
                      counts for <code className="rounded bg-gray-100 px-1">{d.countsFor}</code>
                    </span>
                  ) : null}
                  <span>
                    package <Digest value={d.packageDigest} />
                  </span>
                  {d.expiresAt && d.state === 'valid' ? (
                    <span>
                      valid until <When iso={d.expiresAt} zone={zone} />
                    </span>
                  ) : null}
                </p>
                {d.state !== 'valid' ? (
                  <p className="mt-0.5 text-xs font-medium text-gray-900">
                    {d.invalidatedReason ??
                      (d.state === 'expired'
                        ? 'Expired: it no longer counts.'
                        : d.state === 'superseded'
                          ? 'Superseded by a later decision of the same person.'
                          : 'No longer counts.')}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <Nothing>No decisions yet.</Nothing>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- scope

function PackageFacts({ card, pkg, zone }: { card: ApprovalCardView; pkg: PackageView; zone: string }) {
  const pending = pkg.scopeChanges.filter((c) => c.status === 'pending' || c.status === 'approved');
  const integrity = pkg.integrity;
  const current = integrity && integrity.revision === pkg.package?.revision;
  return (
    <ul className="mb-3 space-y-1 text-sm text-gray-900" data-testid="package-facts">
      <li>
        <span className="font-medium">Integrity: </span>
        {!integrity ? (
          <span>not verified yet.</span>
        ) : integrity.ok && current ? (
          <span>
            <Badge tone="green">Verified</Badge> at <When iso={integrity.verifiedAt} zone={zone} /> by {integrity.by}.
          </span>
        ) : integrity.ok ? (
          <span>
            <Badge tone="amber">Verified an earlier seal</Badge> (revision {integrity.revision ?? '?'}); not verified since it was sealed again.
          </span>
        ) : (
          <span>
            <Badge tone="red">Failed</Badge> at <When iso={integrity.verifiedAt} zone={zone} />:{' '}
            {integrity.problems.join(' ') || 'the stored digest does not match.'}
          </span>
        )}
      </li>
      <li>
        <span className="font-medium">Compatibility: </span>
        {pkg.compatibility.length ? (
          <>
            <Badge tone="red">{plural(pkg.compatibility.length, 'problem')}</Badge>
            <ul className="mt-0.5 list-disc pl-5 text-xs">
              {pkg.compatibility.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </>
        ) : (
          <span>
            <Badge tone="green">Compatible</Badge> with every dependency range{pkg.targets.length ? `, including what ${pkg.targets.join(', ')} run` : ''}.
          </span>
        )}
      </li>
      {pending.length ? (
        <li>
          <span className="font-medium">Scope changes waiting: </span>
          <Badge tone="amber">{plural(pending.length, 'request')}</Badge> If applied, the package is sealed again and approvals given on{' '}
          <Digest value={card.packageDigest} /> no longer count.
          <ul className="mt-0.5 list-disc pl-5 text-xs">
            {pending.map((c) => (
              <li key={c.id}>
                {c.reason} ({humanize(c.status)}, requested by {c.requestedBy.name}):{' '}
                {c.items.map((i) => `${i.action} ${i.component}${i.version ? `@${i.version}` : ''}`).join(', ')}
              </li>
            ))}
          </ul>
        </li>
      ) : null}
    </ul>
  );
}

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
  return (
    <Section
      id="scope"
      title="Scope and changes against production"
      count={changes}
      actions={
        <Link href={fullDiff} className="link text-sm">
          Full diff and notes
        </Link>
      }
    >
      {pkg ? <PackageFacts card={card} pkg={pkg} zone={zone} /> : null}
      {!diff ? (
        <Nothing>The package could not be compared.</Nothing>
      ) : diff.error ? (
        <Nothing>{diff.error}</Nothing>
      ) : !d || (changes === 0 && d.unchanged.length === 0) ? (
        <Nothing>The package has no builds.</Nothing>
      ) : (
        <>
          <p className="mb-2 text-xs text-gray-700">Compared with {diff.againstLabel}. Components the release does not ship are not listed.</p>
          <PackageDiffTable
            diff={d}
            caption="Components added, changed and removed compared with production"
            fromHeading="In production"
            toHeading="This release"
            notesHeading="What changed"
            notesClassName="max-w-md text-xs break-words whitespace-pre-line"
            addedNotes={(b) => b.notes || '—'}
            changedNotes={(c) =>
              (c.between.length ? c.between : [c.to])
                .map((b) => b.notes)
                .filter(Boolean)
                .join('\n') || '—'
            }
            unchangedNote="Already in production."
          />
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-blue-800">Release notes (Markdown)</summary>
            <pre
              className="mt-2 max-h-[28rem] overflow-auto rounded border border-gray-200 bg-gray-50 p-2 text-xs break-words whitespace-pre-wrap text-gray-900"
              tabIndex={0}
              aria-label="Release notes in Markdown"
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
  return (
    <Section id="risk" title="Risk">
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-gray-700">Risk level</span>
        <RiskBadge level={card.riskLevel} />
        {card.riskScore !== null ? <span className="text-gray-700">score {card.riskScore}</span> : null}
        {risks?.noKnownRisks ? <Badge tone="green">No known risks (stated)</Badge> : null}
      </div>
      {card.riskFactors.length ? (
        <Table caption="What sets the risk level: each factor's contribution" className="mb-3">
          <THead>
            <tr>
              <Th>Factor</Th>
              <Th className="text-right">Contribution</Th>
              <Th>Why</Th>
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
          <Nothing>No risk factors computed yet.</Nothing>
        </div>
      )}
      {risks ? (
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
          <RiskHeatMapTable counts={risks.heatMap} />
          <div className="min-w-0 flex-1">
            {risks.risks.length ? (
              <Table caption="Risk register, highest score first">
                <THead>
                  <tr>
                    <Th>Risk</Th>
                    <Th>L × I</Th>
                    <Th>Score</Th>
                    <Th>Status</Th>
                    <Th>Mitigation</Th>
                  </tr>
                </THead>
                <TBody>
                  {risks.risks.map((k) => (
                    <Tr key={k.id}>
                      <Td className="min-w-40">
                        <span className="font-medium">{k.title}</span>
                        {k.owner ? <span className="block text-xs text-gray-700">owner {k.owner}</span> : null}
                      </Td>
                      <Td className="whitespace-nowrap">
                        {k.likelihood} × {k.impact}
                      </Td>
                      <Td className="font-semibold">{k.score}</Td>
                      <Td>
                        <Badge tone={RISK_STATUS_TONES[k.status] ?? 'gray'}>{humanize(k.status)}</Badge>
                      </Td>
                      <Td className="min-w-40 text-xs break-words whitespace-pre-line">
                        {k.mitigation || <span className="text-gray-700">None recorded</span>}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            ) : (
              <Nothing>{risks.noKnownRisks ? 'The owner stated that this release has no known risks.' : 'No risks recorded.'}</Nothing>
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
  return (
    <Section id="gates" title="Approval gates" count={card.gates.length}>
      {card.gates.length ? (
        <>
          <p className="mb-2 text-sm text-gray-900">
            {unmet ? `${unmet} of ${plural(card.gates.length, 'gate')} not met yet: the release becomes approved when all are met.` : 'All gates met.'}
          </p>
          {/* approvals still to come are waited for, not fixed: red only for anything else */}
          <GateList gates={card.gates} idPrefix="approve-gate" alarm={card.gates.some((g) => !g.passed && !waitsOnOthers(g.rule))} />
        </>
      ) : (
        <Nothing>No gates evaluated.</Nothing>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- test evidence

const VERIFICATION_TONES: Record<string, Tone> = { passed: 'green', failed: 'red', skipped: 'gray' };

export function TestEvidenceSection({ release, zone }: { release: ReleaseDetailDto | null; zone: string }) {
  const deployments = (release?.deployments ?? []).filter((d) => d.verifications.length > 0);
  const count = deployments.reduce((n, d) => n + d.verifications.length, 0);
  let body: ReactNode;
  if (!release) body = <Nothing>Test evidence could not be loaded.</Nothing>;
  else if (!deployments.length)
    body = <Nothing>No test evidence recorded yet: verification results of deployments (for example to staging) appear here.</Nothing>;
  else
    body = (
      <ul className="space-y-3">
        {deployments.map((d) => (
          <li key={d.id}>
            <h3 className="text-sm font-semibold text-gray-900">
              {d.kind === 'backout' ? 'Back-out in ' : 'Deployment to '}
              {d.environment} <span className="text-xs font-normal text-gray-700">({humanize(d.status)})</span>
            </h3>
            <ul className="mt-1 space-y-1">
              {d.verifications.map((v) => (
                <li key={v.id} className="flex flex-wrap items-center gap-2 text-xs">
                  <Badge tone={VERIFICATION_TONES[v.status] ?? 'gray'}>{humanize(v.status)}</Badge>
                  <span className="font-medium text-gray-900">{v.name}</span>
                  {v.details ? <span className="text-gray-800">{v.details}</span> : null}
                  <span className="text-gray-700">
                    <When iso={v.recordedAt} zone={zone} />
                  </span>
                  {v.evidenceUrl ? (
                    <a href={v.evidenceUrl} className="link" rel="noreferrer noopener" target="_blank">
                      Evidence<span className="sr-only"> for {v.name} (opens in a new tab)</span>
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
    <Section id="evidence" title="Test evidence" count={release ? count : undefined}>
      {body}
    </Section>
  );
}

// ---------------------------------------------------------------- conflicts and freezes

/** The release's windows and what the scheduling checks say about them now. */
export function ConflictsSection({ schedule }: { schedule: ScheduleDto | null }) {
  const planned = schedule?.windows.filter((w) => w.label) ?? [];
  return (
    <Section id="conflicts" title="Conflicts and freezes" count={schedule?.check.problems.length}>
      {!schedule ? (
        <Nothing>The schedule could not be read.</Nothing>
      ) : planned.length === 0 ? (
        <Nothing>No window is set yet: freezes and conflicts are checked when the release manager schedules it.</Nothing>
      ) : (
        <div className="space-y-2 text-sm">
          <ul className="text-gray-900">
            {planned.map((w) => (
              <li key={w.environment}>
                <span className="font-medium">{w.displayName}</span>: {w.label}
              </li>
            ))}
          </ul>
          {schedule.check.problems.length === 0 ? (
            <p className="text-green-800">No freeze, maintenance-window or promotion problem, and no conflict with another release.</p>
          ) : (
            <ul aria-label="Scheduling problems" className="space-y-1">
              {schedule.check.problems.map((p, i) => (
                <li key={i} className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-amber-950">
                  {p.message}
                  {p.acknowledged ? (
                    <span className="block text-xs">Acknowledged{p.acknowledgement ? ` by ${p.acknowledgement.by}: ${p.acknowledgement.reason}` : ''}.</span>
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
