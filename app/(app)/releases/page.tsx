import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ReleaseFilters } from '@/components/releases/release-filters';
import { ReleaseTable } from '@/components/releases/release-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { listReleases } from '@/lib/server/releases';
import { requireUser } from '@/lib/server/session';
import { allows } from '@/lib/server/authz';
import { ButtonLink, buttonClasses } from '@/components/ui/button';
import { hrefWith } from '@/components/ui/href';
import { SavedFilters } from '@/components/releases/saved-filters';
import { canonicalQuery, filterParams, hasFilters, hasNonTextFilters } from '@/lib/domain/release-filters';
import { listSavedFilters } from '@/lib/server/saved-filters';
import { deleteFilterAction, renameFilterAction, saveFilterAction } from './saved-filter-actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('releases.list');
  return { title: t('title') };
}

export default async function ReleasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const t = await getTranslations('releases.list');
  // the page pages by number; cursors are for API callers
  const result = await listReleases(user, { ...(await searchParams), cursor: undefined });
  const f = result.filters;
  const page = result.page ?? 1;
  // how many matched, for the messages: exact or capped (lib/server/releases.ts SEARCH_COUNT_CAP)
  const count = { count: result.total, exact: result.totalExact ? 'yes' : 'no' };
  const others = hasNonTextFilters(f);
  // the same parameters for the CSV link, the pages and the saved filters (lib/domain/release-filters.ts)
  const params = filterParams(f);
  const filtered = hasFilters(f);
  const saved = await listSavedFilters(user);
  const current = canonicalQuery(f);

  return (
    <>
      <PageHeader
        title={t('title')}
        description={
          f.q
            ? t('description.search', { ...count, q: f.q, fields: t('searchedFields'), others: others ? 'yes' : 'no' })
            : filtered
              ? t('description.filtered', count)
              : t('description.total', { count: result.total })
        }
        actions={
          <>
            <a href={hrefWith('/releases/export.csv', params)} download className={buttonClasses('secondary')}>
              {t.rich('downloadCsv', { sr: (c) => <span className="sr-only">{c}</span> })}
            </a>
            {allows(user, 'release.create') ? (
              <ButtonLink href="/releases/new" variant="primary">
                {t('newRelease')}
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
          <ReleaseTable releases={result.releases} caption={t('caption', { ...count, page })} />
          <Pagination
            pathname="/releases"
            params={params}
            page={page}
            pageSize={result.pageSize}
            total={result.total}
            atLeast={!result.totalExact}
            label={t('pagesLabel')}
          />
        </>
      ) : filtered ? (
        <EmptyState
          title={f.q ? t('empty.searchTitle', { q: f.q }) : t('empty.filteredTitle')}
          action={
            <Link href="/releases" className="link text-sm">
              {t('empty.clear')}
            </Link>
          }
        >
          {f.q ? t('empty.searchBody', { q: f.q, fields: t('searchedFields'), others: others ? 'yes' : 'no' }) : t('empty.filteredBody')}
        </EmptyState>
      ) : (
        <EmptyState title={t('empty.noneTitle')}>{t('empty.noneBody')}</EmptyState>
      )}
    </>
  );
}
