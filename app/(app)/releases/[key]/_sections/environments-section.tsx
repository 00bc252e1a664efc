import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Badge } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { humanize } from '@/components/format';
import { ReleaseWindow } from '@/components/releases/release-window';

export function EnvironmentsSection({ r }: { r: Pick<ReleaseDetailDto, 'targets' | 'timezone'> }) {
  return (
    <Section id="environments" title="Target environments" count={r.targets.length} bare>
      {r.targets.length ? (
        <Table caption="Target environments and their scheduled windows">
          <THead>
            <tr>
              <Th>Environment</Th>
              <Th>Tier</Th>
              <Th>Scheduled window</Th>
            </tr>
          </THead>
          <TBody>
            {r.targets.map((t) => (
              <Tr key={t.name}>
                <Td>
                  <span className="font-medium">{t.displayName}</span>{' '}
                  {t.protected ? (
                    <Badge tone="amber" className="ml-1">
                      Protected
                    </Badge>
                  ) : null}
                </Td>
                <Td>{humanize(t.tier)}</Td>
                <Td>
                  <ReleaseWindow start={t.scheduledStart} end={t.scheduledEnd} timezone={r.timezone} empty="Not scheduled yet" />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <div className="rounded-md border border-gray-200 bg-white p-3">
          <Nothing>No target environments chosen yet.</Nothing>
        </div>
      )}
    </Section>
  );
}

export function StakeholdersSection({ r }: { r: Pick<ReleaseDetailDto, 'stakeholders'> }) {
  return (
    <Section id="stakeholders" title="Stakeholders" count={r.stakeholders.length}>
      {r.stakeholders.length ? (
        <ul className="divide-y divide-gray-100">
          {r.stakeholders.map((s) => (
            <li key={s.id} className="py-1.5 first:pt-0 last:pb-0">
              <p className="text-sm font-medium text-gray-900">{s.name}</p>
              <p className="text-xs text-gray-700">
                {s.email}
                {s.note ? ` · ${s.note}` : ''}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <Nothing>No stakeholders named.</Nothing>
      )}
    </Section>
  );
}
