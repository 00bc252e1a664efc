import { currentViewer } from '@/lib/server/viewer';
import { getTranslations } from 'next-intl/server';
import { formatWhen } from '@/components/format';
import { EmptyState } from '@/components/ui/empty-state';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { releaseHref } from '@/lib/domain/release-links';

export interface RunningRow {
  componentId: string;
  componentName: string;
  version: string;
  since: string;
  deploymentId: string | null;
  releaseKey: string | null;
}

/** What an environment runs now: component → build version, since when, by which deployment. */
export async function RunningTable({ rows, environmentName }: { rows: RunningRow[]; environmentName: string }) {
  const [viewer, t] = await Promise.all([currentViewer(), getTranslations('environments.running')]);
  if (!rows.length) {
    return (
      <EmptyState compact title={t('emptyTitle')}>
        {t('empty', { environment: environmentName })}
      </EmptyState>
    );
  }
  return (
    <Table caption={t('caption', { environment: environmentName })}>
      <THead>
        <tr>
          <Th>{t('component')}</Th>
          <Th>{t('version')}</Th>
          <Th>{t('since')}</Th>
          <Th>{t('deployedBy')}</Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.componentId}>
            <Td className="font-mono text-xs">{r.componentName}</Td>
            <Td className="font-mono text-xs">{r.version}</Td>
            <Td className="text-xs">
              <time dateTime={r.since}>{formatWhen(r.since, viewer, { weekday: false })}</time>
            </Td>
            <Td className="text-xs">
              {r.releaseKey ? (
                <a className="link" href={releaseHref(r.releaseKey, 'deployments')}>
                  {r.releaseKey}
                </a>
              ) : (
                <span className="text-gray-700">{t('noDeployment')}</span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
