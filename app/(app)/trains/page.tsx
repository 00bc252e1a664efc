import type { Metadata } from 'next';
import Link from 'next/link';
import { plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { allows } from '@/lib/server/authz';
import { requireUser } from '@/lib/server/session';
import { listTrains } from '@/lib/server/trains';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Release trains' };

export default async function TrainsPage() {
  const actor = await requireUser();
  const loaded = await guard(() => listTrains(actor));
  if (!loaded.ok) return <AccessDenied title="Release trains" reason={loaded.message} />;
  const trains = loaded.value;
  return (
    <>
      <PageHeader
        title="Release trains"
        description={`${plural(trains.length, 'train')}. Releases join a departure until its cut-off; after it, only with a late-join exception that a second person grants.`}
        actions={
          allows(actor, 'train.write') ? (
            <ButtonLink href="/trains/new" variant="primary">
              New train
            </ButtonLink>
          ) : null
        }
      />
      {trains.length ? (
        <Table caption="Release trains with their cadence, cut-off, target environments and next departure">
          <THead>
            <tr>
              <Th>Train</Th>
              <Th>Departs</Th>
              <Th>Cut-off</Th>
              <Th>Environments</Th>
              <Th>Next departure</Th>
            </tr>
          </THead>
          <TBody>
            {trains.map((t) => (
              <Tr key={t.id}>
                <Td>
                  <Link href={`/trains/${t.slug}`} className="font-medium text-blue-800 underline">
                    {t.name}
                  </Link>
                  {t.active ? null : (
                    <>
                      {' '}
                      <Badge tone="stone">retired</Badge>
                    </>
                  )}
                </Td>
                <Td>{t.cadence}</Td>
                <Td>{t.cutoff}</Td>
                <Td>{t.environments.map((e) => e.displayName).join(', ')}</Td>
                <Td className="tabular-nums">
                  {t.next ? (
                    <>
                      {t.next.departureText}
                      <span className="block text-xs text-gray-700">
                        {plural(t.next.releases, 'release')} · {t.next.countdown}
                      </span>
                    </>
                  ) : (
                    '—'
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState title="No release trains yet">
          A train departs on a cadence (e.g. Tuesdays at 10:00 Europe/London) to its target environments; releases join a departure until its cut-off.
        </EmptyState>
      )}
    </>
  );
}
