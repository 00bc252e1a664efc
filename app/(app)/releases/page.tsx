import type { Metadata } from 'next';
import Link from 'next/link';
import { formatCount, plural } from '@/components/format';
import { ReleaseFilters } from '@/components/releases/release-filters';
import { ReleaseTable } from '@/components/releases/release-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { listReleases, SEARCHED_FIELDS } from '@/lib/server/releases';
import { requireUser } from '@/lib/server/session';
import { allows } from '@/lib/server/authz';
import { ButtonLink, buttonClasses } from '@/components/ui/button';
import { hrefWith } from '@/components/ui/href';
import { SavedFilters } from '@/components/releases/saved-filters';
import { canonicalQuery, filterParams, hasFilters, hasNonTextFilters } from '@/lib/domain/release-filters';
import { listSavedFilters } from '@/lib/server/saved-filters';
import { deleteFilterAction, renameFilterAction, saveFilterAction } from './saved-filter-actions';

export const metadata: Metadata = { title: 'Releases' };

export default async function ReleasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  // the page pages by number; cursors are for API callers
  const result = await listReleases(user, { ...(await searchParams), cursor: undefined });
  const f = result.filters;
  const page = result.page ?? 1;
  const matches = result.totalExact
    ? `${plural(result.total, 'release')} match${result.total === 1 ? 'es' : ''}`
    : `More than ${plural(result.total, 'release')} match`;
  const others = hasNonTextFilters(f);
  // the same parameters for the CSV link, the pages and the saved filters (lib/domain/release-filters.ts)
  const params = filterParams(f);
  const filtered = hasFilters(f);
  const saved = await listSavedFilters(user);
  const current = canonicalQuery(f);

  return (
    <>
      <PageHeader
        title="Releases"
        description={
          f.q
            ? `${matches} “${f.q}” in ${SEARCHED_FIELDS}${others ? ', and the other filters' : ''}.${
                result.totalExact ? '' : ' Add words or filters to narrow them down.'
              }`
            : filtered
              ? `${matches} these filters.`
              : `${plural(result.total, 'release')} in total.`
        }
        actions={
          <>
            <a href={hrefWith('/releases/export.csv', params)} download className={buttonClasses('secondary')}>
              Download CSV<span className="sr-only"> of the releases these filters match</span>
            </a>
            {allows(user, 'release.create') ? (
              <ButtonLink href="/releases/new" variant="primary">
                New release
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <SavedFilters items={saved} query={filtered ? current : ''} save={saveFilterAction} rename={renameFilterAction} remove={deleteFilterAction} />
      <ReleaseFilters
        filters={f}
        environments={result.options.environments}
        owners={result.options.owners}
        components={result.options.components}
        teams={result.options.teams}
        active={filtered || f.sort !== 'newest'}
      />
      {result.releases.length ? (
        <>
          <ReleaseTable
            releases={result.releases}
            caption={`Releases, page ${formatCount(page)}: ${result.totalExact ? '' : 'more than '}${plural(result.total, 'release')}`}
          />
          <Pagination
            pathname="/releases"
            params={params}
            page={page}
            pageSize={result.pageSize}
            total={result.total}
            atLeast={!result.totalExact}
            label="Releases pages"
          />
        </>
      ) : filtered ? (
        <EmptyState
          title={f.q ? `No releases match “${f.q}”` : 'No releases match these filters'}
          action={
            <Link href="/releases" className="link text-sm">
              Clear filters
            </Link>
          }
        >
          {f.q
            ? `Nothing in a release’s ${SEARCHED_FIELDS} contains “${f.q}”${others ? ' among the releases the other filters leave' : ''}. Try fewer words, a key like REL-12, or clear the filters.`
            : 'Try fewer filters, another status, environment or owner, or search for a key like REL-12.'}
        </EmptyState>
      ) : (
        <EmptyState title="There are no releases yet">Releases appear here once a release manager creates one.</EmptyState>
      )}
    </>
  );
}
