import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Digest } from '@/components/catalog/digest';
import { segmentText } from '@/components/catalog/param';
import { TierBadge } from '@/components/catalog/tier-badge';
import { formatWhen } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { SourceLink } from '@/components/catalog/source-link';
import { BackLink } from '@/components/ui/back-link';
import { Badge } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { Markdown } from '@/components/ui/markdown';
import { PageNotice } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { StatusBadge } from '@/components/ui/status-badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { getBuild } from '@/lib/server/builds';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { releaseHref } from '@/lib/domain/release-parts';

export const metadata: Metadata = { title: 'Build' };

const dash = <span className="text-gray-700">—</span>;

export default async function BuildPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const id = segmentText((await params).id);
  const sp = await searchParams;
  const loaded = await guard(() => getBuild(actor, id));
  if (!loaded.ok) return <AccessDenied title="Builds" reason={loaded.message} />;
  const b = loaded.value;
  if (!b) notFound();
  const componentHref = `/components/${encodeURIComponent(b.component.name)}`;

  return (
    <>
      <BackLink
        href="/builds"
        after={
          <>
            <span className="text-gray-500" aria-hidden="true">
              {' '}
              ·{' '}
            </span>
            <Link href={`/builds?component=${encodeURIComponent(b.component.name)}`} className="link">
              Builds of {b.component.name}
            </Link>
          </>
        }
      >
        All builds
      </BackLink>
      <PageHeader
        title={
          <span className="font-mono">
            {b.component.name} {b.version}
          </span>
        }
        description={`Recorded ${formatWhen(b.createdAt, viewer)} by ${b.recordedBy?.name ?? b.producedBy}. Builds are immutable.`}
        meta={<TierBadge tier={b.component.tier} />}
      />
      <PageNotice>
        {sp.recorded === '1' ? 'Build recorded.' : sp.existing === '1' ? 'This build was already recorded with the same digest, so nothing changed.' : null}
      </PageNotice>
      <div className="space-y-5">
        <Section id="build" title="Build">
          <DescriptionList
            items={[
              {
                term: 'Component',
                value: (
                  <Link href={componentHref} className="link font-mono">
                    {b.component.name}
                  </Link>
                ),
              },
              { term: 'Version', value: <code>{b.version}</code> },
              { term: 'Built at', value: b.builtAt ? formatWhen(b.builtAt, viewer) : dash },
              { term: 'Artifact digest', value: <Digest value={b.artifactDigest} />, wide: true },
              {
                term: 'Source repository',
                value: b.sourceRepo ? <SourceLink url={b.sourceRepo} /> : dash,
              },
              { term: 'Source commit', value: b.sourceCommit ? <code className="break-all select-all">{b.sourceCommit}</code> : dash },
              { term: 'Source branch or tag', value: b.sourceBranch ? <code className="break-all">{b.sourceBranch}</code> : dash },
              { term: 'Produced by', value: <span className="break-all">{b.producedBy}</span> },
              {
                term: 'Recorded by',
                value: b.recordedBy ? (
                  <span>
                    {b.recordedBy.name} <span className="text-gray-700">({b.recordedBy.email})</span>
                  </span>
                ) : (
                  'system'
                ),
              },
              { term: 'Recorded at', value: formatWhen(b.createdAt, viewer) },
            ]}
          />
        </Section>

        <Section id="work-items" title="Work items" count={b.workItems.length}>
          {b.workItems.length ? (
            <ul className="divide-y divide-gray-100 text-sm">
              {b.workItems.map((w, i) => (
                <li key={`${w.key}-${i}`} className="flex flex-wrap items-baseline gap-2 py-1.5">
                  {w.url ? (
                    <a href={w.url} className="link font-mono font-medium" rel="noreferrer noopener" target="_blank">
                      {w.key}
                      <span className="sr-only"> (opens in a new tab)</span>
                    </a>
                  ) : (
                    <span className="font-mono font-medium">{w.key}</span>
                  )}
                  {w.title ? <span className="text-gray-800">{w.title}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <Nothing>No work items are linked to this build.</Nothing>
          )}
        </Section>

        <Section id="notes" title="Build notes">
          {b.notes ? <Markdown text={b.notes} /> : <Nothing>No build notes.</Nothing>}
        </Section>

        <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
          <Section id="running" title="Running now in" count={b.running.length}>
            {b.running.length ? (
              <ul className="divide-y divide-gray-100 text-sm">
                {b.running.map((r) => (
                  <li key={r.environment.name} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                    <span>
                      {r.environment.displayName}
                      {r.environment.protected ? (
                        <Badge tone="amber" className="ml-2">
                          protected
                        </Badge>
                      ) : null}
                    </span>
                    <span className="text-xs text-gray-700">since {formatWhen(r.since, viewer)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Nothing>This build is not running in any environment.</Nothing>
            )}
          </Section>
          <Section id="packages" title="In release packages" count={b.packages.length} bare>
            {b.packages.length ? (
              <Table caption="Releases whose package includes this build">
                <THead>
                  <tr>
                    <Th>Release</Th>
                    <Th>Status</Th>
                    <Th>Package</Th>
                  </tr>
                </THead>
                <TBody>
                  {b.packages.map((p) => (
                    <Tr key={p.releaseId}>
                      <Td>
                        <Link href={releaseHref(p.releaseKey, 'package')} className="link font-medium">
                          {p.releaseKey}
                        </Link>{' '}
                        <span className="text-gray-800">{p.releaseTitle}</span>
                      </Td>
                      <Td>
                        <StatusBadge status={p.releaseStatus} />
                      </Td>
                      <Td className="text-xs">{p.sealed ? 'Sealed' : 'Not sealed'}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            ) : (
              <div className="rounded-md border border-gray-200 bg-white p-3">
                <Nothing>No release package includes this build yet.</Nothing>
              </div>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}
