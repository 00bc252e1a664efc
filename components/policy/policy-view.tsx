import { useTranslations } from 'next-intl';
import type { ApprovalRule, PolicyDocument } from '@/lib/domain/policy';
import { RELEASE_TYPES, RISK_LEVELS } from '@/lib/domain/policy';
import { useStatusWords } from '@/components/i18n/status-words';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';

/** A list of names in words, each through `name`, or what an empty list means. */
const words = (l: readonly string[], name: (x: string) => string, none: string) => (l.length ? l.map(name).join(', ') : none);
/** a sentence about a delay in hours, or what 0 (off) means */
const hoursOr = (h: number, sentence: (hours: number) => string, off: string) => (h > 0 ? sentence(h) : off);

function Rules({ rules, caption }: { rules: ApprovalRule[]; caption: string }) {
  const t = useTranslations('policy.view.rules');
  const word = useStatusWords();
  if (!rules.length) return <Nothing>{t('none')}</Nothing>;
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>{t('key')}</Th>
          <Th>{t('description')}</Th>
          <Th>{t('role')}</Th>
          <Th className="text-right">{t('approvals')}</Th>
          <Th>{t('conditions')}</Th>
        </tr>
      </THead>
      <TBody>
        {rules.map((r) => (
          <Tr key={r.key}>
            <Td className="font-mono text-xs">{r.key}</Td>
            <Td>{r.description}</Td>
            <Td>{word('role', r.role)}</Td>
            <Td className="text-right tabular-nums">{r.count}</Td>
            <Td className="text-xs">
              {[r.distinctTeams ? t('distinctTeams') : '', r.cabOnly ? t('cabOnly') : '', r.teamSlug ? t('team', { team: r.teamSlug }) : '']
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
  const t = useTranslations('policy.view');
  const tn = useTranslations('policy.names');
  const cab = policy.approvals.cab.name;
  const r = policy.reminders;
  return (
    <div className="space-y-5">
      <Section id={`${idPrefix}-risk`} title={t('risk.title')}>
        <DescriptionList
          columns={4}
          items={[
            { term: t('risk.mediumFrom'), value: policy.risk.thresholds.medium },
            { term: t('risk.highFrom'), value: policy.risk.thresholds.high },
            { term: t('risk.criticalFrom'), value: policy.risk.thresholds.critical },
            { term: t('risk.typeAdds'), value: RELEASE_TYPES.map((type) => t('risk.typeAdd', { type, points: f.releaseType[type] })).join(', ') },
            {
              term: t('risk.tierAdds'),
              value: (['1', '2', '3', '4'] as const).map((tier) => t('risk.tierAdd', { tier, points: f.highestComponentTier[tier] })).join(', '),
            },
            { term: t('risk.productionAdds'), value: `+${f.targetsProduction}` },
            { term: t('risk.sizeAdds'), value: t('risk.sizeAdd', { points: f.perExtraComponent, max: f.perExtraComponentMax }) },
            {
              term: t('risk.openRiskAdds'),
              value: f.highestOpenRiskScore.length
                ? f.highestOpenRiskScore.map((b) => t('risk.openRiskBand', { atLeast: b.atLeast, points: b.contribution })).join(', ')
                : t('risk.nothing'),
            },
            { term: t('risk.failureAdds'), value: t('risk.failureAdd', { points: f.recentFailure.contribution, days: f.recentFailure.withinDays }) },
          ]}
        />
      </Section>
      <Section id={`${idPrefix}-approvals`} title={t('approvals.title')}>
        <div className="space-y-3">
          {RISK_LEVELS.map((l) => (
            <div key={l}>
              <h3 className="mb-1 text-sm font-semibold text-gray-900">{t('approvals.levelHeading', { level: l })}</h3>
              <Rules rules={policy.approvals.byRiskLevel[l]} caption={t('approvals.levelCaption', { level: l })} />
            </div>
          ))}
          {RELEASE_TYPES.filter((type) => policy.approvals.byReleaseType[type]?.length).map((type) => (
            <div key={type}>
              <h3 className="mb-1 text-sm font-semibold text-gray-900">{t('approvals.typeHeading', { type })}</h3>
              <Rules rules={policy.approvals.byReleaseType[type]!} caption={t('approvals.typeCaption', { type })} />
            </div>
          ))}
          {policy.approvals.forProtectedEnvironments.length > 0 && (
            <div>
              <h3 className="mb-1 text-sm font-semibold text-gray-900">{t('approvals.protectedHeading')}</h3>
              <Rules rules={policy.approvals.forProtectedEnvironments} caption={t('approvals.protectedCaption')} />
            </div>
          )}
          <DescriptionList
            items={[
              { term: cab, value: policy.approvals.cab.members.length ? policy.approvals.cab.members.join(', ') : t('approvals.noMembers') },
              {
                term: t('approvals.expiry'),
                value: t('approvals.expiryValue', { days: policy.approvals.expiryDays, hours: policy.approvals.expiryWarningHours }),
              },
              { term: t('approvals.separation'), value: t('approvals.separationValue') },
            ]}
          />
        </div>
      </Section>
      <Section id={`${idPrefix}-gates`} title={t('gates.title')}>
        <DescriptionList
          items={[
            { term: t('gates.backoutFor'), value: words(policy.gates.backoutPlanRequiredFor, (type) => tn('type', { type }), tn('none')) },
            { term: t('gates.evidenceFor'), value: words(policy.gates.testEvidenceRequiredFor, (type) => tn('type', { type }), tn('none')) },
            {
              term: t('gates.other'),
              value:
                [
                  policy.gates.planTasksNeedOwners ? t('gates.planTaskOwners') : '',
                  policy.gates.productionRequiresStagingSuccess ? t('gates.stagingFirst') : '',
                  policy.gates.respectMaintenanceWindows ? t('gates.maintenanceWindows') : '',
                ]
                  .filter(Boolean)
                  .join('; ') || tn('none'),
            },
            { term: t('gates.reviewAfter'), value: words(policy.reviewRequiredAfter, (trigger) => tn('trigger', { trigger }), tn('none')) },
            {
              term: t('gates.emergency'),
              value: t('gates.emergencyValue', { approvers: policy.emergency.approversRequired, hours: policy.emergency.confirmWithinHours }),
            },
            { term: t('gates.freezeOverride'), value: t('gates.freezeOverrideValue', { people: policy.freezeOverride.peopleRequired }) },
            { term: t('gates.conflicts'), value: words(policy.conflicts.acknowledgeable, (kind) => tn('conflict', { kind }), tn('none')) },
          ]}
        />
      </Section>
      <Section id={`${idPrefix}-reminders`} title={t('reminders.title')}>
        <DescriptionList
          items={[
            {
              term: t('reminders.windowOpens'),
              value: hoursOr(r.windowNoticeHours, (hours) => t('reminders.windowNotice', { hours }), t('reminders.off')),
            },
            {
              term: t('reminders.windowMissed'),
              value: hoursOr(r.windowMissedEscalationHours, (hours) => t('reminders.missedEscalation', { hours, cab }), t('reminders.missedNoEscalation')),
            },
            {
              term: t('reminders.approvalsWaiting'),
              value: [
                hoursOr(r.approvalReminderHours, (hours) => t('reminders.approvalReminder', { hours }), t('reminders.noReminder')),
                hoursOr(r.approvalEscalationHours, (hours) => t('reminders.approvalEscalation', { hours, cab }), t('reminders.noEscalation')),
              ].join('; '),
            },
            {
              term: t('reminders.freezeStarting'),
              value: hoursOr(r.freezeNoticeHours, (hours) => t('reminders.freezeNotice', { hours }), t('reminders.off')),
            },
            {
              term: t('reminders.actionItems'),
              value: hoursOr(r.actionItemReminderDays, (days) => t('reminders.actionItemReminder', { days }), t('reminders.off')),
            },
          ]}
        />
      </Section>
      <Section id={`${idPrefix}-standard-changes`} title={t('standard.title')}>
        {policy.standardChanges.length ? (
          <ul className="list-disc space-y-1 pl-5 text-sm text-gray-900">
            {policy.standardChanges.map((s) => (
              <li key={s.template}>
                {t.rich('standard.item', {
                  template: s.template,
                  components: s.components.join(', '),
                  level: s.maxRiskLevel,
                  items: s.maxPackageItems,
                  name: (c) => <span className="font-medium">{c}</span>,
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-gray-800">{t('standard.none')}</p>
        )}
      </Section>
    </div>
  );
}
