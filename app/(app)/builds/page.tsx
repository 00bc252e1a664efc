import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Digest } from '@/components/catalog/digest';
import { formatWhen } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { ClearFiltersLink, FilterBar } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { allows } from '@/lib/server/authz';
import { listBuilds } from '@/lib/server/builds';
import { listComponentOptions } from '@/lib/server/components';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

/** the filter form's columns */
const FILTER_GRID = 'sm:grid-cols-[minmax(10rem,1fr)_minmax(12rem,2fr)_auto] sm:items-end';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('builds.list');
  return { title: t('title') };
}

export default async function BuildsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [viewer, actor, t] = await Promise.all([currentViewer(), requireUser(), getTranslations('builds.list')]);
  const raw = await searchParams;
  const loaded = await guard(async () => {
    const [result, components] = await Promise.all([listBuilds(actor, raw), listComponentOptions(actor)]);
    return { result, components };
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const { result, components } = loaded.value;
  const f = result.filters;
  const filtered = !!(f.q || f.component);
  const canRecord = allows(actor, 'build.record');
  // in the unfiltered empty state no component is chosen, so this is plain /builds/new there
  const recordHref = f.component ? `/builds/new?component=${encodeURIComponent(f.component)}` : '/builds/new';
  const recordButton = canRecord ? (
    <ButtonLink href={recordHref} variant="primary">
      {t('record')}
    </ButtonLink>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('title')}
        description={filtered ? t('matching', { count: result.total }) : t('description', { count: result.total })}
        actions={recordButton}
      />
      <FilterBar action="/builds" label={t('filter.label')} gridClassName={FILTER_GRID} showClear={filtered}>
        <SelectField
          id="filter-component"
          name="component"
          label={t('filter.component')}
          defaultValue={f.component ?? ''}
          options={[
            { value: '', label: t('filter.allComponents') },
            ...(f.component && !components.some((c) => c.name === f.component) ? [{ value: f.component, label: f.component }] : []),
            ...components.map((c) => ({ value: c.name, label: c.name })),
          ]}
        />
        <TextField
          id="filter-q"
          name="q"
          type="search"
          label={t('filter.search')}
          placeholder={t('filter.searchPlaceholder')}
          defaultValue={f.q ?? ''}
          maxLength={100}
        />
      </FilterBar>
      {result.builds.length ? (
        <>
          <Table caption={t('caption', { page: result.page, count: result.total })}>
            <THead>
              <tr>
                <Th>{t('columns.component')}</Th>
                <Th>{t('columns.version')}</Th>
                <Th>{t('columns.digest')}</Th>
                <Th>{t('columns.source')}</Th>
                <Th>{t('columns.workItems')}</Th>
                <Th>{t('columns.producedBy')}</Th>
                <Th>{t('columns.recorded')}</Th>
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
            label={t('pages')}
          />
        </>
      ) : filtered ? (
        <EmptyState title={t('noMatch.title')} action={<ClearFiltersLink href="/builds" />}>
          {t('noMatch.hint')}
        </EmptyState>
      ) : (
        <EmptyState title={t('empty.title')} action={recordButton}>
          {t('empty.hint')}
        </EmptyState>
      )}
    </>
  );
}
