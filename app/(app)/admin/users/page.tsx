import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { UserCreateForm } from '@/components/admin/user-create-form';
import { formatWhen } from '@/components/format';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { ClearFiltersLink, FilterBar } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Panel } from '@/components/ui/panel';
import { ROLES } from '@/lib/domain/permissions';
import { getStatusWords } from '@/components/i18n/status-words';
import { PASSWORD_MIN_LENGTH } from '@/lib/server/password';
import { requireUser } from '@/lib/server/session';
import { listTeams } from '@/lib/server/teams';
import { listUsers } from '@/lib/server/users';
import { guard } from '@/app/_lib/guard';
import { singleValues } from '@/app/_lib/search-params';
import { createUserAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-users');
  return { title: t('title') };
}

// the filter bar's columns (a const: relm/no-ui-literals reads a class list with spaces in an attribute as words)
const FILTER_GRID = 'sm:grid-cols-[minmax(12rem,2fr)_1fr_1fr_auto] sm:items-end';

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await currentViewer();
  const t = await getTranslations('admin-users');
  const word = await getStatusWords();
  const roleOptions = ROLES.map((r) => ({ value: r, label: word('role', r) }));
  const roleLabel = (r: string) => word('role', r);
  const actor = await requireUser();
  const raw = singleValues(await searchParams, { q: 100, role: 40, status: 20, page: 10 });
  const loaded = await guard(async () => {
    const [list, teams] = await Promise.all([listUsers(actor, raw), listTeams(actor)]);
    return { list, teams };
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const { list, teams } = loaded.value;
  const f = list.filters;
  const filtered = !!(f.q || f.role || f.status);
  const teamOptions = teams.map((t) => ({ value: t.id, label: t.name }));

  return (
    <>
      <PageHeader title={t('title')} description={t(filtered ? 'list.summaryFiltered' : 'list.summaryTotal', { count: list.total })} />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0">
          <FilterBar action="/admin/users" label={t('list.filters.label')} className="mb-3" gridClassName={FILTER_GRID} showClear={filtered}>
            <TextField
              id="filter-q"
              name="q"
              type="search"
              label={t('list.filters.search')}
              placeholder={t('list.filters.searchPlaceholder')}
              defaultValue={f.q ?? ''}
              maxLength={100}
            />
            <SelectField
              id="filter-role"
              name="role"
              label={t('list.filters.role')}
              defaultValue={f.role ?? ''}
              options={[{ value: '', label: t('list.filters.anyRole') }, ...roleOptions]}
            />
            <SelectField
              id="filter-status"
              name="status"
              label={t('list.filters.status')}
              defaultValue={f.status ?? ''}
              options={[
                { value: '', label: t('list.filters.anyStatus') },
                { value: 'active', label: t('list.filters.active') },
                { value: 'disabled', label: t('list.filters.disabled') },
              ]}
            />
          </FilterBar>
          {list.users.length ? (
            <>
              <Table caption={t('list.caption')}>
                <THead>
                  <tr>
                    <Th>{t('list.columns.email')}</Th>
                    <Th>{t('list.columns.name')}</Th>
                    <Th>{t('list.columns.roles')}</Th>
                    <Th>{t('list.columns.team')}</Th>
                    <Th>{t('list.columns.status')}</Th>
                    <Th>{t('list.columns.lastSignIn')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {list.users.map((u) => (
                    <Tr key={u.id}>
                      <Td>
                        {/* A full page load, not a client-side transition: the create form on this page has the same
                            role checkboxes as the user's edit form, and a transition keeps this page interactive until
                            the next one renders, so a quick click could land in the wrong form. */}
                        <a href={`/admin/users/${u.id}`} className="link font-mono text-xs">
                          {u.email}
                        </a>
                      </Td>
                      <Td className="whitespace-nowrap">{u.name}</Td>
                      <Td className="text-xs">{u.roles.map(roleLabel).join(', ') || '—'}</Td>
                      <Td className="text-xs">{u.team?.name ?? <span className="text-gray-700">{t('list.noTeam')}</span>}</Td>
                      <Td>{u.disabled ? <Badge tone="red">{t('list.disabled')}</Badge> : <Badge tone="green">{t('list.active')}</Badge>}</Td>
                      <Td className="text-xs whitespace-nowrap">
                        {u.lastSignInAt ? formatWhen(u.lastSignInAt, viewer, { weekday: false }) : <span className="text-gray-700">{t('list.never')}</span>}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
              <Pagination
                pathname="/admin/users"
                params={{ q: f.q, role: f.role, status: f.status }}
                page={list.page}
                pageSize={list.pageSize}
                total={list.total}
                label={t('list.pages')}
              />
            </>
          ) : (
            <EmptyState title={t('list.empty.title')} action={<ClearFiltersLink href="/admin/users" />}>
              {t('list.empty.body')}
            </EmptyState>
          )}
        </div>
        <Panel headingId="create-user-heading" title={t('list.createHeading')} selfStart>
          <ClientMessages namespaces={['admin-users']}>
            <UserCreateForm action={createUserAction} roleOptions={roleOptions} teamOptions={teamOptions} passwordMinLength={PASSWORD_MIN_LENGTH} />
          </ClientMessages>
        </Panel>
      </div>
    </>
  );
}
