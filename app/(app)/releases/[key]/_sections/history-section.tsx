import { useTranslations } from 'next-intl';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { StatusBadge } from '@/components/ui/status-badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';

export function HistorySection({ r }: { r: Pick<ReleaseDetailDto, 'timezone' | 'transitions'> }) {
  const t = useTranslations('release-page.history');
  return (
    <Section id="history" title={t('title')} count={r.transitions.length} bare>
      {r.transitions.length ? (
        <Table caption={t('caption')}>
          <THead>
            <tr>
              <Th>{t('from')}</Th>
              <Th>{t('to')}</Th>
              <Th>{t('by')}</Th>
              <Th>{t('when')}</Th>
              <Th>{t('reason')}</Th>
            </tr>
          </THead>
          <TBody>
            {r.transitions.map((x) => (
              <Tr key={x.id}>
                <Td>
                  <StatusBadge status={x.from} />
                </Td>
                <Td>
                  <StatusBadge status={x.to} />
                </Td>
                <Td className="whitespace-nowrap">{x.actor ?? <span className="text-gray-700">{t('system')}</span>}</Td>
                <Td className="text-xs">
                  <When iso={x.at} zone={r.timezone} />
                </Td>
                <Td className="min-w-48 text-xs">{x.reason || <span className="text-gray-700">—</span>}</Td>
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
