import type { Metadata } from 'next';
import Link from 'next/link';
import { formatCount, plural } from '@/components/format';
import { ReleaseFilters } from '@/components/releases/release-filters';
import { ReleaseTable } from '@/components/releases/release-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { listReleases } from '@/lib/server/releases';
import { requireUser } from '@/lib/server/session';
import { allows } from '@/lib/server/authz';
import { ButtonLink } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Releases' };

export default async function ReleasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const result = await listReleases(user, await searchParams);
  const f = result.filters;
  const params = { q: f.q, status: f.status, environment: f.environment, owner: f.owner, sort: f.sort === 'newest' ? undefined : f.sort };
  const filtered = !!(f.q || f.status.length || f.environment || f.owner);

  return (
    <>
      <PageHeader
        title="Releases"
        description={
          filtered ? `${plural(result.total, 'release')} match${result.total === 1 ? 'es' : ''} these filters.` : `${plural(result.total, 'release')} in total.`
        }
        actions={
          allows(user, 'release.create') ? (
            <ButtonLink href="/releases/new" variant="primary">
              New release
            </ButtonLink>
          ) : undefined
        }
      />
      <ReleaseFilters filters={f} environments={result.options.environments} owners={result.options.owners} active={filtered || f.sort !== 'newest'} />
      {result.releases.length ? (
        <>
          <ReleaseTable releases={result.releases} caption={`Releases, page ${formatCount(result.page)}: ${plural(result.total, 'release')}`} />
          <Pagination pathname="/releases" params={params} page={result.page} pageSize={result.pageSize} total={result.total} label="Releases pages" />
        </>
      ) : filtered ? (
        <EmptyState
          title="No releases match these filters"
          action={
            <Link href="/releases" className="link text-sm">
              Clear filters
            </Link>
          }
        >
          Try another status, environment or owner, or search for a key like REL-12.
        </EmptyState>
      ) : (
        <EmptyState title="There are no releases yet">Releases appear here once a release manager creates one.</EmptyState>
      )}
    </>
  );
}
