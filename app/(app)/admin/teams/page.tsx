import type { Metadata } from 'next';
import { TeamForm } from '@/components/admin/team-form';
import { plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageNotice } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/server/session';
import { listTeamsToManage } from '@/lib/server/teams';
import { guard } from '@/app/_lib/guard';
import { createTeamAction } from './actions';

export const metadata: Metadata = { title: 'Teams' };

export default async function TeamsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser();
  const deleted = (await searchParams).deleted === '1';
  // the team list is readable by every role (catalogue); managing teams is for admins
  const loaded = await guard(() => listTeamsToManage(actor));
  if (!loaded.ok) return <AccessDenied title="Teams" reason={loaded.message} />;
  const teams = loaded.value;

  return (
    <>
      <PageHeader title="Teams" description={`${plural(teams.length, 'team')}. Teams own components and group people for approvals.`} />
      <PageNotice>{deleted ? 'The team was deleted.' : null}</PageNotice>
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0">
          {teams.length ? (
            <Table caption="Teams with their member and component counts">
              <THead>
                <tr>
                  <Th>Team</Th>
                  <Th>Slug</Th>
                  <Th className="text-right">Members</Th>
                  <Th className="text-right">Components</Th>
                  <Th>Description</Th>
                </tr>
              </THead>
              <TBody>
                {teams.map((t) => (
                  <Tr key={t.id}>
                    <Td className="whitespace-nowrap">
                      {/* a full page load, like the users list: this page's create form has the same fields as the edit form */}
                      <a href={`/admin/teams/${t.id}`} className="link font-medium">
                        {t.name}
                      </a>
                    </Td>
                    <Td className="font-mono text-xs">{t.slug}</Td>
                    <Td className="text-right tabular-nums">{t.members}</Td>
                    <Td className="text-right tabular-nums">{t.components}</Td>
                    <Td className="text-xs text-gray-800">{t.description || <span className="text-gray-700">—</span>}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <EmptyState title="No teams yet">Create the first team with the form; then add people to it from their user page.</EmptyState>
          )}
        </div>
        <Panel headingId="create-team-heading" title="Create a team" selfStart>
          <TeamForm action={createTeamAction} submitLabel="Create team" />
        </Panel>
      </div>
    </>
  );
}
