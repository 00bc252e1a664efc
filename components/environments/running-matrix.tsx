import { currentViewer } from '@/lib/server/viewer';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { formatDate, formatWhen } from '@/components/format';
import { EmptyState } from '@/components/ui/empty-state';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { Drift, MatrixCell, RunningMatrix as Matrix } from '@/lib/domain/running-matrix';
import { releaseHref } from '@/lib/domain/release-links';

function DriftNote({ drift }: { drift: Drift }) {
  const t = useTranslations('environments.matrix');
  return (
    <div className="mt-0.5 text-xs font-medium text-amber-950">
      <span aria-hidden="true">≠ </span>
      {drift.kind === 'version'
        ? t.rich('differs', {
            environment: drift.previous.displayName,
            version: drift.previousVersion,
            code: (chunks) => <span className="font-mono">{chunks}</span>,
          })
        : t('notIn', { environment: drift.previous.displayName })}
    </div>
  );
}

async function Cell({ cell }: { cell: MatrixCell }) {
  const [viewer, t] = await Promise.all([currentViewer(), getTranslations('environments.matrix')]);
  const r = cell.running;
  if (!r) {
    return (
      <Td className="text-gray-700">
        <span aria-hidden="true">—</span>
        <span className="sr-only">{t('notDeployed')}</span>
      </Td>
    );
  }
  return (
    <Td className={cell.drift ? 'bg-amber-50 ring-1 ring-amber-300 ring-inset' : undefined}>
      <Link href={`/builds/${encodeURIComponent(r.buildId)}`} className="link font-mono text-xs font-medium">
        {r.version}
      </Link>
      <div className="mt-0.5 text-xs whitespace-nowrap text-gray-700">
        {t.rich('since', {
          date: formatDate(r.since, viewer.timeZone, viewer.locale),
          time: (chunks) => (
            <time dateTime={r.since} title={formatWhen(r.since, viewer)}>
              {chunks}
            </time>
          ),
        })}
      </div>
      {r.releaseKey ? (
        <div className="text-xs text-gray-700">
          {t.rich('via', {
            key: r.releaseKey,
            link: (chunks) => (
              <Link href={releaseHref(encodeURIComponent(r.releaseKey!), 'deployments')} className="link">
                {chunks}
              </Link>
            ),
          })}
        </div>
      ) : null}
      {cell.drift ? <DriftNote drift={cell.drift} /> : null}
    </Td>
  );
}

/**
 * Every component × every environment in promotion order: the build each runs now,
 * since when and via which release. A cell whose build differs from the previous
 * environment's is tinted amber and says so in words.
 */
export function RunningMatrix({ matrix }: { matrix: Matrix }) {
  const t = useTranslations('environments.matrix');
  if (!matrix.rows.length) {
    return (
      <EmptyState compact title={t('emptyTitle')}>
        {t('empty')}
      </EmptyState>
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-sm text-gray-700">
        {matrix.driftCount ? t('drift', { count: matrix.driftCount }) : t('noDrift')} {t('utc')}
      </p>
      <Table caption={t('caption')}>
        <THead>
          <tr>
            <Th>{t('component')}</Th>
            {matrix.columns.map((e) => (
              <Th key={e.name}>
                <Link href={`/environments/${encodeURIComponent(e.name)}`} className="link">
                  {e.displayName}
                </Link>
              </Th>
            ))}
          </tr>
        </THead>
        <TBody>
          {matrix.rows.map((row) => (
            <Tr key={row.component}>
              <Th scope="row" className="font-mono text-xs">
                <Link href={`/components/${encodeURIComponent(row.component)}`} className="link">
                  {row.component}
                </Link>
              </Th>
              {row.cells.map((cell) => (
                <Cell key={cell.environment.name} cell={cell} />
              ))}
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
