import { getTranslations } from 'next-intl/server';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { allows } from '@/lib/server/authz';
import { mayManage } from '@/lib/server/release-managers';
import { listRisks } from '@/lib/server/risks';
import { requireUser } from '@/lib/server/session';
import { addRiskAction, removeRiskAction, setNoKnownRisksAction, updateRiskAction } from '../risk-actions';
import { ActionButton } from '@/components/release-forms/action-button';
import { NoKnownRisksForm } from '@/components/release-forms/no-known-risks-form';
import { RiskForm } from '@/components/release-forms/risk-form';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, type Tone } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { RiskBadge } from '@/components/ui/status-badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import { RiskHeatMapTable } from '@/components/releases/risk-heat-map';
import { getStatusWords } from '@/components/i18n/status-words';
import { localize } from '@/lib/server/say';
// the factors are sentences of lib/domain/risk-level.ts (stored in English); loading it remembers their names
import '@/lib/domain/risk-level';
import { readerLocale } from '@/app/_lib/reader-locale';

const RISK_STATUS_TONES: Record<string, Tone> = { open: 'red', mitigated: 'blue', accepted: 'amber', closed: 'gray' };

/** The risk register of a release: heat map, table, and (for risk editors) the forms. Loads its own data. */
export async function RiskRegister({ r }: { r: ReleaseRef & Pick<ReleaseDetailDto, 'riskLevel' | 'riskFactors' | 'timezone'> }) {
  const t = await getTranslations('release-parts.risks');
  const locale = await readerLocale();
  const word = await getStatusWords();
  const actor = await requireUser();
  const reg = await listRisks(actor, r);
  if (!reg) return null;
  const canEdit = allows(actor, 'risk.edit') && !reg.finished && (await mayManage(actor, r));

  return (
    <Section id="risks" title={t('title')} count={reg.risks.length}>
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-gray-700">{t('level')}</span>
        <RiskBadge level={r.riskLevel} />
        {r.riskFactors?.score !== null && r.riskFactors?.score !== undefined ? (
          <span className="text-gray-700">{t('score', { score: r.riskFactors.score })}</span>
        ) : null}
        {reg.risks.length || reg.noKnownRisks ? (
          reg.risksAssessedAt ? (
            <span className="text-xs text-gray-700">{t.rich('assessed', { when: () => <When iso={reg.risksAssessedAt!} zone={r.timezone} /> })}</span>
          ) : null
        ) : (
          <span className="text-xs font-medium text-red-800">{t('notAssessed')}</span>
        )}
        {reg.noKnownRisks ? <Badge tone="green">{t('noKnownRisksBadge')}</Badge> : null}
      </div>
      {r.riskFactors?.factors.length ? (
        <div className="mb-3">
          <h3 className="text-xs font-semibold text-gray-800">{t('factors')}</h3>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-gray-900">
            {r.riskFactors.factors.map((f, i) => (
              <li key={i}>
                <span className="font-medium">{localize(f.name, locale)}</span>
                {f.contribution !== null ? <span className="text-gray-700"> (+{f.contribution})</span> : null}
                {f.detail ? <span className="text-gray-800">{t('factorDetail', { detail: localize(f.detail, locale) })}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
        <RiskHeatMapTable counts={reg.heatMap} />
        <div className="min-w-0 flex-1">
          {reg.risks.length ? (
            <Table caption={t('caption')}>
              <THead>
                <tr>
                  <Th>{t('columns.risk')}</Th>
                  <Th>{t('columns.likelihood')}</Th>
                  <Th>{t('columns.impact')}</Th>
                  <Th>{t('columns.score')}</Th>
                  <Th>{t('columns.status')}</Th>
                  <Th>{t('columns.owner')}</Th>
                  <Th>{t('columns.mitigation')}</Th>
                </tr>
              </THead>
              <TBody>
                {reg.risks.map((k) => (
                  <Tr key={k.id}>
                    <Td className="min-w-40">
                      <span className="font-medium">{k.title}</span>
                      {k.description ? <span className="block text-xs break-words whitespace-pre-line text-gray-700">{k.description}</span> : null}
                    </Td>
                    <Td>{k.likelihood}</Td>
                    <Td>{k.impact}</Td>
                    <Td className="font-semibold">{k.score}</Td>
                    <Td>
                      <Badge tone={RISK_STATUS_TONES[k.status] ?? 'gray'}>{word('risk', k.status)}</Badge>
                    </Td>
                    <Td className="whitespace-nowrap">{k.owner ?? <span className="text-gray-700">{t('nobody')}</span>}</Td>
                    <Td className="min-w-48 text-xs break-words whitespace-pre-line">
                      {k.mitigation || <span className="text-gray-700">{t('noMitigation')}</span>}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <Nothing>{reg.noKnownRisks ? t('statedNone') : t('none')}</Nothing>
          )}
        </div>
      </div>
      {canEdit ? (
        // the risk forms are client components: they get the release-forms namespace's words
        <ClientMessages namespaces={['release-forms']}>
          <div className="mt-4 space-y-3 border-t border-gray-200 pt-3">
            <details className="group">
              <summary className="cursor-pointer text-sm font-medium text-blue-800">{t('add')}</summary>
              <div className="mt-2">
                <RiskForm action={addRiskAction} releaseKey={reg.releaseKey} users={reg.users} submitLabel={t('addSubmit')} />
              </div>
            </details>
            {reg.risks.map((k) => (
              <details key={k.id}>
                <summary className="cursor-pointer text-sm text-blue-800">
                  {t.rich('change', { name: k.title, strong: (c) => <span className="font-medium">{c}</span> })}
                </summary>
                <div className="mt-2 space-y-2">
                  <RiskForm action={updateRiskAction} releaseKey={reg.releaseKey} risk={k} users={reg.users} submitLabel={t('save')} />
                  <ActionButton
                    action={removeRiskAction}
                    fields={{ releaseKey: reg.releaseKey, riskId: k.id }}
                    label={t('remove')}
                    srContext={k.title}
                    pendingText={t('removing')}
                    variant="danger"
                    confirm={t('removeConfirm', { name: k.title })}
                  />
                </div>
              </details>
            ))}
            {reg.risks.length === 0 || reg.noKnownRisks ? (
              <div>
                <h3 className="mb-1 text-xs font-semibold text-gray-800">{t('noKnownRisks')}</h3>
                <NoKnownRisksForm
                  action={setNoKnownRisksAction}
                  releaseKey={reg.releaseKey}
                  version={reg.releaseVersion}
                  stated={reg.noKnownRisks}
                  openRisks={reg.openCount}
                />
              </div>
            ) : null}
          </div>
        </ClientMessages>
      ) : null}
    </Section>
  );
}
