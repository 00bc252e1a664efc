import { useTranslations } from 'next-intl';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Badge } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { useStatusWords } from '@/components/i18n/status-words';
import { ReleaseWindow } from '@/components/releases/release-window';

export function EnvironmentsSection({ r }: { r: Pick<ReleaseDetailDto, 'targets' | 'timezone'> }) {
  const t = useTranslations('release-page.environments');
  const word = useStatusWords();
  return (
    <Section id="environments" title={t('title')} count={r.targets.length} bare>
      {r.targets.length ? (
        <Table caption={t('caption')}>
          <THead>
            <tr>
              <Th>{t('environment')}</Th>
              <Th>{t('tier')}</Th>
              <Th>{t('window')}</Th>
            </tr>
          </THead>
          <TBody>
            {r.targets.map((target) => (
              <Tr key={target.name}>
                <Td>
                  <span className="font-medium">{target.displayName}</span>{' '}
                  {target.protected ? (
                    <Badge tone="amber" className="ml-1">
                      {t('protected')}
                    </Badge>
                  ) : null}
                </Td>
                <Td>{word('tier', target.tier)}</Td>
                <Td>
                  <ReleaseWindow start={target.scheduledStart} end={target.scheduledEnd} timezone={r.timezone} empty={t('notScheduled')} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <div className="rounded-md border border-gray-200 bg-white p-3">
          <Nothing>{t('none')}</Nothing>
        </div>
      )}
    </Section>
  );
}

export function StakeholdersSection({ r }: { r: Pick<ReleaseDetailDto, 'stakeholders'> }) {
  const t = useTranslations('release-page.stakeholders');
  return (
    <Section id="stakeholders" title={t('title')} count={r.stakeholders.length}>
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
        <Nothing>{t('none')}</Nothing>
      )}
    </Section>
  );
}
