import Link from 'next/link';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { ReleaseRowDto } from '@/lib/server/releases';
import { RiskBadge, StatusBadge, TypeBadge } from '@/components/ui/status-badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { ReleaseWindow } from './release-window';
import { releaseHref } from '@/lib/domain/release-links';

export type ReleaseColumn = 'type' | 'status' | 'risk' | 'owner' | 'environments' | 'window';

const ALL: ReleaseColumn[] = ['type', 'status', 'risk', 'owner', 'environments', 'window'];

/** Releases in a dense table. The key links to the release; extra columns can be appended. */
export function ReleaseTable<R extends ReleaseRowDto>({
  releases,
  caption,
  columns = ALL,
  extra,
}: {
  releases: R[];
  caption: string;
  columns?: ReleaseColumn[];
  extra?: { header: string; cell: (r: R) => ReactNode }[];
}) {
  const t = useTranslations('release-parts.table');
  const has = (c: ReleaseColumn) => columns.includes(c);
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>{t('key')}</Th>
          <Th>{t('title')}</Th>
          {has('type') ? <Th>{t('type')}</Th> : null}
          {has('status') ? <Th>{t('status')}</Th> : null}
          {has('risk') ? <Th>{t('risk')}</Th> : null}
          {has('owner') ? <Th>{t('owner')}</Th> : null}
          {has('environments') ? <Th>{t('environments')}</Th> : null}
          {has('window') ? <Th>{t('window')}</Th> : null}
          {extra?.map((x) => (
            <Th key={x.header}>{x.header}</Th>
          ))}
        </tr>
      </THead>
      <TBody>
        {releases.map((r) => (
          <Tr key={r.id}>
            <Td className="whitespace-nowrap">
              <Link href={releaseHref(r.key)} className="link font-mono text-xs font-semibold">
                {r.key}
              </Link>
            </Td>
            <Td className="max-w-md min-w-48">
              <span className="line-clamp-2">{r.title}</span>
            </Td>
            {has('type') ? (
              <Td>
                <TypeBadge type={r.type} />
              </Td>
            ) : null}
            {has('status') ? (
              <Td>
                <StatusBadge status={r.status} />
              </Td>
            ) : null}
            {has('risk') ? (
              <Td>
                <RiskBadge level={r.riskLevel} />
              </Td>
            ) : null}
            {has('owner') ? <Td className="whitespace-nowrap">{r.owner.name}</Td> : null}
            {has('environments') ? (
              <Td>
                {r.environments.length ? (
                  <span className="text-xs text-gray-800">{r.environments.map((e) => e.displayName).join(' · ')}</span>
                ) : (
                  <span className="text-xs text-gray-700">{t('noEnvironments')}</span>
                )}
              </Td>
            ) : null}
            {has('window') ? (
              <Td className="text-xs">
                <ReleaseWindow start={r.plannedStart} end={r.plannedEnd} timezone={r.timezone} compact />
              </Td>
            ) : null}
            {extra?.map((x) => (
              <Td key={x.header} className="text-xs">
                {x.cell(r)}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
