import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { TierBadge } from '@/components/catalog/tier-badge';
import { formatDate } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { ClearFiltersLink, FilterBar } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { allows } from '@/lib/server/authz';
import { listComponents } from '@/lib/server/components';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

/** the filter form's columns */
const FILTER_GRID = 'sm:grid-cols-[minmax(12rem,2fr)_minmax(10rem,1fr)_auto] sm:items-end';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('components.list');
  return { title: t('title') };
}

export default async function ComponentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [viewer, actor, t] = await Promise.all([currentViewer(), requireUser(), getTranslations('components.list')]);
  const raw = await searchParams;
  const loaded = await guard(() => listComponents(actor, raw));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const result = loaded.value;
  const f = result.filters;
  const filtered = !!(f.q || f.team);
  const canEdit = allows(actor, 'component.edit');
  const newComponent = canEdit ? (
    <ButtonLink href="/components/new" variant="primary">
      {t('new')}
    </ButtonLink>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('title')}
        description={filtered ? t('matching', { count: result.total }) : t('description', { count: result.total })}
        actions={newComponent}
      />
      <FilterBar action="/components" label={t('filter.label')} gridClassName={FILTER_GRID} showClear={filtered}>
        <TextField
          id="filter-q"
          name="q"
          type="search"
          label={t('filter.search')}
          placeholder={t('filter.searchPlaceholder')}
          defaultValue={f.q ?? ''}
          maxLength={100}
        />
        <SelectField
          id="filter-team"
          name="team"
          label={t('filter.team')}
          defaultValue={f.team ?? ''}
          options={[{ value: '', label: t('filter.anyTeam') }, ...result.teams.map((team) => ({ value: team.slug, label: team.name }))]}
        />
      </FilterBar>
      {result.components.length ? (
        <>
          <Table caption={t('caption', { page: result.page, count: result.total })}>
            <THead>
              <tr>
                <Th>{t('columns.component')}</Th>
                <Th>{t('columns.team')}</Th>
                <Th>{t('columns.tier')}</Th>
                <Th>{t('columns.dependsOn')}</Th>
                <Th className="text-right">{t('columns.dependents')}</Th>
                <Th>{t('columns.latestBuild')}</Th>
              </tr>
            </THead>
            <TBody>
              {result.components.map((c) => (
                <Tr key={c.id}>
                  <Td className="whitespace-nowrap">
                    <Link href={`/components/${encodeURIComponent(c.name)}`} className="link font-mono font-medium">
                      {c.name}
                    </Link>
                    {c.description ? <p className="max-w-xs truncate text-xs text-gray-700">{c.description}</p> : null}
                  </Td>
                  <Td className="whitespace-nowrap">{c.ownerTeam.name}</Td>
                  <Td>
                    <TierBadge tier={c.tier} />
                  </Td>
                  <Td className="text-xs">
                    {c.dependencies.length ? (
                      <ul className="space-y-0.5">
                        {c.dependencies.map((d) => (
                          <li key={d.component.id} className="whitespace-nowrap">
                            <Link href={`/components/${encodeURIComponent(d.component.name)}`} className="link font-mono">
                              {d.component.name}
                            </Link>{' '}
                            <code className="text-gray-800">{d.range}</code>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-gray-700">—</span>
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{c.dependents}</Td>
                  <Td className="text-xs whitespace-nowrap">
                    {c.latestBuild ? (
                      <>
                        <Link href={`/builds/${c.latestBuild.id}`} className="link font-mono">
                          {c.latestBuild.version}
                        </Link>
                        <span className="text-gray-700"> · {formatDate(c.latestBuild.createdAt, viewer.timeZone, viewer.locale)}</span>
                      </>
                    ) : (
                      <span className="text-gray-700">{t('noBuilds')}</span>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pagination
            pathname="/components"
            params={{ q: f.q, team: f.team }}
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
            label={t('pages')}
          />
        </>
      ) : filtered ? (
        <EmptyState title={t('noMatch.title')} action={<ClearFiltersLink href="/components" />}>
          {t('noMatch.hint')}
        </EmptyState>
      ) : (
        <EmptyState title={t('empty.title')} action={newComponent}>
          {canEdit ? t('empty.editor') : t('empty.reader')}
        </EmptyState>
      )}
    </>
  );
}
