import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Badge, type Tone } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { RiskBadge } from '@/components/ui/status-badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import { humanize } from '@/components/format';
import { RiskHeatMap } from '../risk-heat-map';

const RISK_STATUS_TONES: Record<string, Tone> = { open: 'red', mitigated: 'blue', accepted: 'amber', closed: 'gray' };

export function RisksSection({ r }: { r: ReleaseDetailDto }) {
  return (
    <Section id="risks" title="Risks" count={r.risks.length}>
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-gray-700">Risk level</span>
        <RiskBadge level={r.riskLevel} />
        {r.riskFactors?.score !== null && r.riskFactors?.score !== undefined ? <span className="text-gray-700">score {r.riskFactors.score}</span> : null}
        {r.riskComputedAt ? (
          <span className="text-xs text-gray-700">
            computed <When iso={r.riskComputedAt} zone={r.timezone} />
          </span>
        ) : null}
        {r.risksAssessedAt ? (
          <span className="text-xs text-gray-700">
            · risks assessed <When iso={r.risksAssessedAt} zone={r.timezone} />
          </span>
        ) : null}
      </div>
      {r.riskFactors?.factors.length ? (
        <div className="mb-3">
          <h3 className="text-xs font-semibold text-gray-800">What sets the risk level</h3>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-gray-900">
            {r.riskFactors.factors.map((f, i) => (
              <li key={i}>
                <span className="font-medium">{f.name}</span>
                {f.contribution !== null ? <span className="text-gray-700"> (+{f.contribution})</span> : null}
                {f.detail ? <span className="text-gray-800">: {f.detail}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {r.risks.length ? (
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
          <RiskHeatMap risks={r.risks} />
          <div className="min-w-0 flex-1">
            <Table caption="Risk register, highest score first">
              <THead>
                <tr>
                  <Th>Risk</Th>
                  <Th title="Likelihood">
                    <span aria-hidden="true">L</span>
                    <span className="sr-only">Likelihood</span>
                  </Th>
                  <Th title="Impact">
                    <span aria-hidden="true">I</span>
                    <span className="sr-only">Impact</span>
                  </Th>
                  <Th>Score</Th>
                  <Th>Status</Th>
                  <Th>Owner</Th>
                  <Th>Mitigation</Th>
                </tr>
              </THead>
              <TBody>
                {r.risks.map((k) => (
                  <Tr key={k.id}>
                    <Td className="min-w-40">
                      <span className="font-medium">{k.title}</span>
                      {k.description ? <span className="block text-xs text-gray-700">{k.description}</span> : null}
                    </Td>
                    <Td>{k.likelihood}</Td>
                    <Td>{k.impact}</Td>
                    <Td className="font-semibold">{k.score}</Td>
                    <Td>
                      <Badge tone={RISK_STATUS_TONES[k.status] ?? 'gray'}>{humanize(k.status)}</Badge>
                    </Td>
                    <Td className="whitespace-nowrap">{k.owner ?? <span className="text-gray-700">Nobody</span>}</Td>
                    <Td className="min-w-48 text-xs">{k.mitigation || <span className="text-gray-700">None recorded</span>}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        </div>
      ) : (
        <Nothing>{r.noKnownRisks ? 'The owner stated that this release has no known risks.' : 'No risks recorded yet.'}</Nothing>
      )}
    </Section>
  );
}
