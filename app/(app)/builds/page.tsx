import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Digest } from '@/components/catalog/digest';
import { formatCount, formatWhen, plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { ClearFiltersLink, FilterBar, matchSentence } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { allows } from '@/lib/server/authz';
import { listBuilds } from '@/lib/server/builds';
import { listComponentOptions } from '@/lib/server/components';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Builds' };

export default async function BuildsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const raw = await searchParams;
  const loaded = await guard(async () => {
    const [result, components] = await Promise.all([listBuilds(actor, raw), listComponentOptions(actor)]);
    return { result, components };
  });
  if (!loaded.ok) return <AccessDenied title="Builds" reason={loaded.message} />;
  const { result, components } = loaded.value;
  const f = result.filters;
  const filtered = !!(f.q || f.component);
  const canRecord = allows(actor, 'build.record');
  // in the unfiltered empty state no component is chosen, so this is plain /builds/new there
  const recordHref = f.component ? `/builds/new?component=${encodeURIComponent(f.component)}` : '/builds/new';
  const recordButton = canRecord ? (
    <ButtonLink href={recordHref} variant="primary">
      Record build
    </ButtonLink>
  ) : null;

  return (
    <>
      <PageHeader
        title="Builds"
        description={
          filtered
            ? matchSentence(result.total, plural(result.total, 'build'))
            : `${plural(result.total, 'build')} recorded, newest first. CI reports builds with POST /api/v1/builds.`
        }
        actions={recordButton}
      />
      <FilterBar
        action="/builds"
        label="Filter builds"
        gridClassName="sm:grid-cols-[minmax(10rem,1fr)_minmax(12rem,2fr)_auto] sm:items-end"
        showClear={filtered}
      >
        <SelectField
          id="filter-component"
          name="component"
          label="Component"
          defaultValue={f.component ?? ''}
          options={[
            { value: '', label: 'All components' },
            ...(f.component && !components.some((c) => c.name === f.component) ? [{ value: f.component, label: f.component }] : []),
            ...components.map((c) => ({ value: c.name, label: c.name })),
          ]}
        />
        <TextField
          id="filter-q"
          name="q"
          type="search"
          label="Search"
          placeholder="Version, commit, branch, digest, producer or notes"
          defaultValue={f.q ?? ''}
          maxLength={100}
        />
      </FilterBar>
      {result.builds.length ? (
        <>
          <Table caption={`Builds, page ${formatCount(result.page)}: ${plural(result.total, 'build')}`}>
            <THead>
              <tr>
                <Th>Component</Th>
                <Th>Version</Th>
                <Th>Digest</Th>
                <Th>Source</Th>
                <Th>Work items</Th>
                <Th>Produced by</Th>
                <Th>Recorded</Th>
              </tr>
            </THead>
            <TBody>
              {result.builds.map((b) => (
                <Tr key={b.id}>
                  <Td className="whitespace-nowrap">
                    <Link href={`/components/${encodeURIComponent(b.component.name)}`} className="link font-mono">
                      {b.component.name}
                    </Link>
                  </Td>
                  <Td className="whitespace-nowrap">
                    <Link href={`/builds/${b.id}`} className="link font-mono font-medium">
                      {b.version}
                    </Link>
                  </Td>
                  <Td>
                    <Digest value={b.artifactDigest} short />
                  </Td>
                  <Td className="max-w-56 text-xs">
                    {b.sourceBranch || b.sourceCommit ? (
                      <span className="break-all">
                        {b.sourceBranch}
                        {b.sourceBranch && b.sourceCommit ? ' @ ' : ''}
                        {b.sourceCommit ? <code>{b.sourceCommit.slice(0, 12)}</code> : null}
                      </span>
                    ) : (
                      <span className="text-gray-700">—</span>
                    )}
                  </Td>
                  <Td className="text-xs">
                    {b.workItems.length ? (
                      <span title={b.workItems.map((w) => w.key).join(', ')}>
                        {b.workItems
                          .slice(0, 3)
                          .map((w) => w.key)
                          .join(', ')}
                        {b.workItems.length > 3 ? ` +${b.workItems.length - 3}` : ''}
                      </span>
                    ) : (
                      <span className="text-gray-700">—</span>
                    )}
                  </Td>
                  <Td className="max-w-48 text-xs break-all">{b.producedBy}</Td>
                  <Td className="text-xs whitespace-nowrap">{formatWhen(b.createdAt, viewer)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pagination
            pathname="/builds"
            params={{ component: f.component, q: f.q }}
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
            label="Builds pages"
          />
        </>
      ) : filtered ? (
        <EmptyState title="No builds match these filters" action={<ClearFiltersLink href="/builds" />}>
          Try another component, or search for part of a version, a commit or the start of a digest.
        </EmptyState>
      ) : (
        <EmptyState title="No builds recorded yet" action={recordButton}>
          Builds appear here when CI reports them (POST /api/v1/builds) or someone records one by hand.
        </EmptyState>
      )}
    </>
  );
}
