import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { RiskBadge, StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { releaseHref } from '@/lib/domain/release-links';
import type { TimelineGroup, TimelineGroupBy, TimelinePeriod } from '@/lib/domain/timeline';
import { groupName, timelineTitle, windowText } from './timeline-format';
import type { Locale } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';

/** The chart as a table (its text alternative): one row per window, by group, in start order. */
export function TimelineList({ groups, period, groupBy }: { groups: TimelineGroup[]; period: TimelinePeriod; groupBy: TimelineGroupBy }) {
  const t = useTranslations('timeline');
  const locale = useLocale();
  const zone = period.timezone;
  return (
    <Table caption={t('list.caption', { period: timelineTitle(period, locale), zone, groupBy })}>
      <THead>
        <tr>
          <Th>{t(`groupBy.${groupBy}`)}</Th>
          <Th>{t('list.release')}</Th>
          <Th>{t('list.environment')}</Th>
          <Th>{t('list.window')}</Th>
          <Th>{t('list.status')}</Th>
          <Th>{t('list.risk')}</Th>
          <Th>{t('list.conflictsAndFreezes')}</Th>
        </tr>
      </THead>
      <TBody>
        {groups.flatMap((g) =>
          g.rows
            .flatMap((row) => row.bars.map((b) => b.window))
            .sort((a, b) => a.start.localeCompare(b.start) || a.number - b.number)
            .map((w) => (
              <Tr key={`${g.key}|${w.id}`}>
                <Td>{localize(groupName(g, groupBy, t), locale as Locale)}</Td>
                <Td>
                  <Link href={releaseHref(w.key)} className="link font-medium">
                    {w.key}
                  </Link>{' '}
                  {w.title}
                </Td>
                <Td>{w.environment?.displayName ?? t('noEnvironmentYet')}</Td>
                <Td className="whitespace-nowrap">
                  {windowText(w.start, w.end, zone, locale)}
                  {w.source === 'planned' ? <span className="text-gray-700"> {t('list.planned')}</span> : null}
                </Td>
                <Td>
                  <StatusBadge status={w.status} />
                </Td>
                <Td>
                  <RiskBadge level={w.riskLevel} />
                </Td>
                <Td>
                  {w.conflictsWith.length ? (
                    <span className="text-red-800">
                      <span aria-hidden="true">⚑ </span>
                      {t('list.conflictsWith', { keys: w.conflictsWith.join(', ') })}
                    </span>
                  ) : null}
                  {w.conflictsWith.length && w.inFreezes.length ? '; ' : null}
                  {w.inFreezes.length ? (
                    <span>
                      <span aria-hidden="true">❄ </span>
                      {t('list.inFreeze', { names: w.inFreezes.join(', ') })}
                    </span>
                  ) : null}
                  {!w.conflictsWith.length && !w.inFreezes.length ? <span className="text-gray-700">{t('list.none')}</span> : null}
                </Td>
              </Tr>
            )),
        )}
      </TBody>
    </Table>
  );
}
