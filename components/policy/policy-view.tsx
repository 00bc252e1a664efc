import type { ApprovalRule, PolicyDocument } from '@/lib/domain/policy';
import { RELEASE_TYPES, RISK_LEVELS } from '@/lib/domain/policy';
import { ROLE_LABELS } from '@/lib/domain/permissions';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';

const cap = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
const words = (l: readonly string[]) => (l.length ? l.map((x) => x.replace(/_/g, ' ')).join(', ') : 'none');
/** "24 hours" put in a sentence, or what 0 (off) means */
const hoursOr = (h: number, sentence: (hours: string) => string, off = 'off') => (h > 0 ? sentence(h === 1 ? '1 hour' : `${h} hours`) : off);

function Rules({ rules, caption }: { rules: ApprovalRule[]; caption: string }) {
  if (!rules.length) return <Nothing>No rules.</Nothing>;
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>Key</Th>
          <Th>Description</Th>
          <Th>Role</Th>
          <Th className="text-right">Approvals</Th>
          <Th>Conditions</Th>
        </tr>
      </THead>
      <TBody>
        {rules.map((r) => (
          <Tr key={r.key}>
            <Td className="font-mono text-xs">{r.key}</Td>
            <Td>{r.description}</Td>
            <Td>{ROLE_LABELS[r.role]}</Td>
            <Td className="text-right tabular-nums">{r.count}</Td>
            <Td className="text-xs">
              {[r.distinctTeams ? 'from different teams' : '', r.cabOnly ? 'CAB members only' : '', r.teamSlug ? `team ${r.teamSlug}` : '']
                .filter(Boolean)
                .join('; ') || '—'}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** A policy document, read-only, in words and tables. */
export function PolicyView({ policy, idPrefix = 'policy' }: { policy: PolicyDocument; idPrefix?: string }) {
  const f = policy.risk.factors;
  return (
    <div className="space-y-5">
      <Section id={`${idPrefix}-risk`} title="Risk level">
        <DescriptionList
          columns={4}
          items={[
            { term: 'Medium from score', value: policy.risk.thresholds.medium },
            { term: 'High from score', value: policy.risk.thresholds.high },
            { term: 'Critical from score', value: policy.risk.thresholds.critical },
            { term: 'Release type adds', value: RELEASE_TYPES.map((t) => `${t} +${f.releaseType[t]}`).join(', ') },
            { term: 'Most critical component adds', value: (['1', '2', '3', '4'] as const).map((t) => `tier ${t} +${f.highestComponentTier[t]}`).join(', ') },
            { term: 'Production target adds', value: `+${f.targetsProduction}` },
            { term: 'Package size adds', value: `+${f.perExtraComponent} per extra component, at most +${f.perExtraComponentMax}` },
            {
              term: 'Highest open risk adds',
              value: f.highestOpenRiskScore.length ? f.highestOpenRiskScore.map((b) => `score ≥ ${b.atLeast}: +${b.contribution}`).join(', ') : 'nothing',
            },
            { term: 'Recent failure adds', value: `+${f.recentFailure.contribution} within ${f.recentFailure.withinDays} days` },
          ]}
        />
      </Section>
      <Section id={`${idPrefix}-approvals`} title="Approval rules">
        <div className="space-y-3">
          {RISK_LEVELS.map((l) => (
            <div key={l}>
              <h3 className="mb-1 text-sm font-semibold text-gray-900">{cap(l)} risk</h3>
              <Rules rules={policy.approvals.byRiskLevel[l]} caption={`Approval rules for ${l} risk`} />
            </div>
          ))}
          {RELEASE_TYPES.filter((t) => policy.approvals.byReleaseType[t]?.length).map((t) => (
            <div key={t}>
              <h3 className="mb-1 text-sm font-semibold text-gray-900">Also for every {t} release</h3>
              <Rules rules={policy.approvals.byReleaseType[t]!} caption={`Extra approval rules for ${t} releases`} />
            </div>
          ))}
          {policy.approvals.forProtectedEnvironments.length > 0 && (
            <div>
              <h3 className="mb-1 text-sm font-semibold text-gray-900">Also for every release to a protected environment</h3>
              <Rules rules={policy.approvals.forProtectedEnvironments} caption="Extra approval rules for releases to a protected environment" />
            </div>
          )}
          <DescriptionList
            items={[
              { term: policy.approvals.cab.name, value: policy.approvals.cab.members.length ? policy.approvals.cab.members.join(', ') : 'No members' },
              {
                term: 'Approvals expire after',
                value: `${policy.approvals.expiryDays} days (owner warned ${policy.approvals.expiryWarningHours} hours before)`,
              },
              { term: 'Separation of duties', value: 'Owners, requesters and build authors never approve; approvals are bound to the package digest' },
            ]}
          />
        </div>
      </Section>
      <Section id={`${idPrefix}-gates`} title="Gates, reviews, emergencies and freezes">
        <DescriptionList
          items={[
            { term: 'Back-out plan required for', value: words(policy.gates.backoutPlanRequiredFor) },
            { term: 'Test evidence required for', value: words(policy.gates.testEvidenceRequiredFor) },
            {
              term: 'Other gates',
              value:
                [
                  policy.gates.planTasksNeedOwners ? 'plan tasks need owners' : '',
                  policy.gates.productionRequiresStagingSuccess ? 'production needs staging success' : '',
                  policy.gates.respectMaintenanceWindows ? 'maintenance windows respected' : '',
                ]
                  .filter(Boolean)
                  .join('; ') || 'none',
            },
            { term: 'Post-release review after', value: words(policy.reviewRequiredAfter) },
            { term: 'Emergency', value: `${policy.emergency.approversRequired} approver(s); confirmed within ${policy.emergency.confirmWithinHours} hours` },
            { term: 'Freeze override', value: `${policy.freezeOverride.peopleRequired} people agree, with a reason` },
            { term: 'Conflicts that may be acknowledged', value: words(policy.conflicts.acknowledgeable) },
          ]}
        />
      </Section>
      <Section id={`${idPrefix}-reminders`} title="Reminders and escalation">
        <DescriptionList
          items={[
            {
              term: 'Deployment window opens',
              value: hoursOr(policy.reminders.windowNoticeHours, (h) => `the owner and operations are told ${h} before`),
            },
            {
              term: 'Window ended, nothing deployed',
              value: `the owner is told; ${hoursOr(policy.reminders.windowMissedEscalationHours, (h) => `still nothing ${h} later: the ${policy.approvals.cab.name}, the admins and the owner are told`, 'no escalation')}`,
            },
            {
              term: 'Approvals waiting',
              value: [
                hoursOr(policy.reminders.approvalReminderHours, (h) => `after ${h}, the people who can still approve are reminded`, 'no reminder'),
                hoursOr(
                  policy.reminders.approvalEscalationHours,
                  (h) => `after ${h}, the ${policy.approvals.cab.name}, the admins and the owner are told`,
                  'no escalation',
                ),
              ].join('; '),
            },
            {
              term: 'Freeze starting',
              value: hoursOr(policy.reminders.freezeNoticeHours, (h) => `owners of releases scheduled inside it are told ${h} before`),
            },
            {
              term: 'Review action items overdue',
              value:
                policy.reminders.actionItemReminderDays > 0
                  ? `the item's owner is reminded ${policy.reminders.actionItemReminderDays === 1 ? 'every day' : `every ${policy.reminders.actionItemReminderDays} days`} (for up to 90 days), the release owner once`
                  : 'off',
            },
          ]}
        />
      </Section>
      <Section id={`${idPrefix}-standard-changes`} title="Standard changes">
        {policy.standardChanges.length ? (
          <ul className="list-disc space-y-1 pl-5 text-sm text-gray-900">
            {policy.standardChanges.map((r) => (
              <li key={r.template}>
                <span className="font-medium">{r.template}</span>: pre-approved for components {r.components.join(', ')}, risk at most {r.maxRiskLevel}, at most{' '}
                {r.maxPackageItems} build{r.maxPackageItems === 1 ? '' : 's'} in the package.
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-gray-800">No template is pre-approved: every release follows the approval rules above.</p>
        )}
      </Section>
    </div>
  );
}
