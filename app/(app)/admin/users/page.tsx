import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { UserCreateForm } from '@/components/admin/user-create-form';
import { formatWhen, plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { ClearFiltersLink, FilterBar } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Panel } from '@/components/ui/panel';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/domain/permissions';
import { PASSWORD_MIN_LENGTH } from '@/lib/server/password';
import { requireUser } from '@/lib/server/session';
import { listTeams } from '@/lib/server/teams';
import { listUsers } from '@/lib/server/users';
import { guard } from '@/app/_lib/guard';
import { singleValues } from '@/app/_lib/search-params';
import { createUserAction } from './actions';

export const metadata: Metadata = { title: 'Users' };

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const roleLabel = (r: string) => (r in ROLE_LABELS ? ROLE_LABELS[r as Role] : r);

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const raw = singleValues(await searchParams, { q: 100, role: 40, status: 20, page: 10 });
  const loaded = await guard(async () => {
    const [list, teams] = await Promise.all([listUsers(actor, raw), listTeams(actor)]);
    return { list, teams };
  });
  if (!loaded.ok) return <AccessDenied title="Users" reason={loaded.message} />;
  const { list, teams } = loaded.value;
  const f = list.filters;
  const filtered = !!(f.q || f.role || f.status);
  const teamOptions = teams.map((t) => ({ value: t.id, label: t.name }));

  return (
    <>
      <PageHeader title="Users" description={`${plural(list.total, 'user')}${filtered ? ' match these filters' : ' in total'}.`} />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0">
          <FilterBar
            action="/admin/users"
            label="Filter users"
            className="mb-3"
            gridClassName="sm:grid-cols-[minmax(12rem,2fr)_1fr_1fr_auto] sm:items-end"
            showClear={filtered}
          >
            <TextField id="filter-q" name="q" type="search" label="Search" placeholder="Name or address" defaultValue={f.q ?? ''} maxLength={100} />
            <SelectField id="filter-role" name="role" label="Role" defaultValue={f.role ?? ''} options={[{ value: '', label: 'Any role' }, ...roleOptions]} />
            <SelectField
              id="filter-status"
              name="status"
              label="Status"
              defaultValue={f.status ?? ''}
              options={[
                { value: '', label: 'Active and disabled' },
                { value: 'active', label: 'Active' },
                { value: 'disabled', label: 'Disabled' },
              ]}
            />
          </FilterBar>
          {list.users.length ? (
            <>
              <Table caption="Users">
                <THead>
                  <tr>
                    <Th>Email</Th>
                    <Th>Name</Th>
                    <Th>Roles</Th>
                    <Th>Team</Th>
                    <Th>Status</Th>
                    <Th>Last sign-in</Th>
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
                      <Td className="text-xs">{u.team?.name ?? <span className="text-gray-700">No team</span>}</Td>
                      <Td>{u.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</Td>
                      <Td className="text-xs whitespace-nowrap">
                        {u.lastSignInAt ? formatWhen(u.lastSignInAt, viewer, { weekday: false }) : <span className="text-gray-700">Never</span>}
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
                label="User pages"
              />
            </>
          ) : (
            <EmptyState title="No users match these filters" action={<ClearFiltersLink href="/admin/users" />}>
              Try another role or status, or part of a name or email address.
            </EmptyState>
          )}
        </div>
        <Panel headingId="create-user-heading" title="Create a user" selfStart>
          <UserCreateForm action={createUserAction} roleOptions={roleOptions} teamOptions={teamOptions} passwordMinLength={PASSWORD_MIN_LENGTH} />
        </Panel>
      </div>
    </>
  );
}
