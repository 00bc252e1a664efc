import { currentViewer } from '@/lib/server/viewer';
import Link from 'next/link';
import { formatDate, formatWhen, plural } from '@/components/format';
import { EmptyState } from '@/components/ui/empty-state';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { Drift, MatrixCell, RunningMatrix as Matrix } from '@/lib/domain/running-matrix';
import { releaseHref } from '@/lib/domain/release-parts';

function DriftNote({ drift }: { drift: Drift }) {
  return (
    <div className="mt-0.5 text-xs font-medium text-amber-950">
      <span aria-hidden="true">≠ </span>
      {drift.kind === 'version' ? (
        <>
          differs from {drift.previous.displayName} (<span className="font-mono">{drift.previousVersion}</span>)
        </>
      ) : (
        <>not in {drift.previous.displayName}</>
      )}
    </div>
  );
}

async function Cell({ cell }: { cell: MatrixCell }) {
  const viewer = await currentViewer();
  const r = cell.running;
  if (!r) {
    return (
      <Td className="text-gray-700">
        <span aria-hidden="true">—</span>
        <span className="sr-only">not deployed</span>
      </Td>
    );
  }
  return (
    <Td className={cell.drift ? 'bg-amber-50 ring-1 ring-amber-300 ring-inset' : undefined}>
      <Link href={`/builds/${encodeURIComponent(r.buildId)}`} className="link font-mono text-xs font-medium">
        {r.version}
      </Link>
      <div className="mt-0.5 text-xs whitespace-nowrap text-gray-700">
        since{' '}
        <time dateTime={r.since} title={formatWhen(r.since, viewer)}>
          {formatDate(r.since, viewer.timeZone, viewer.locale)}
        </time>
      </div>
      {r.releaseKey ? (
        <div className="text-xs text-gray-700">
          via{' '}
          <Link href={releaseHref(encodeURIComponent(r.releaseKey), 'deployments')} className="link">
            {r.releaseKey}
          </Link>
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
  if (!matrix.rows.length) {
    return (
      <EmptyState compact title="Nothing runs anywhere yet">
        No environment runs a recorded component build. Deployments recorded through releases or the API appear here.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-sm text-gray-700">
        {matrix.driftCount
          ? `${plural(matrix.driftCount, 'cell')} ${matrix.driftCount === 1 ? 'differs' : 'differ'} from the previous environment of the path (tinted amber, marked ≠).`
          : 'Every environment runs the same builds as the environment before it, where both run the component.'}{' '}
        Dates are UTC.
      </p>
      <Table caption="What each environment runs now, components by environment in promotion order">
        <THead>
          <tr>
            <Th>Component</Th>
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
