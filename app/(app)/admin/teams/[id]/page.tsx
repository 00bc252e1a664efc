import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TeamDelete } from '@/components/admin/team-delete';
import { TeamForm } from '@/components/admin/team-form';
import { plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/server/session';
import { getTeamToManage } from '@/lib/server/teams';
import { guard } from '@/app/_lib/guard';
import { deleteTeamAction, updateTeamAction } from './actions';

export const metadata: Metadata = { title: 'Edit team' };

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser();
  const { id } = await params;
  const loaded = await guard(() => getTeamToManage(actor, id));
  if (!loaded.ok) return <AccessDenied title="Teams" reason={loaded.message} />;
  const team = loaded.value;
  if (!team) notFound();
  const empty = team.members === 0 && team.components === 0;

  return (
    <>
      <BackLink href="/admin/teams">All teams</BackLink>
      <PageHeader title={team.name} description={`${plural(team.members, 'member')} · owns ${plural(team.components, 'component')}`} />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Panel headingId="edit-team-heading" title="Details">
          <TeamForm action={updateTeamAction} team={team} submitLabel="Save changes" />
        </Panel>
        <Panel headingId="delete-team-heading" title="Delete this team" selfStart>
          {empty ? (
            <TeamDelete action={deleteTeamAction} teamId={team.id} teamName={team.name} />
          ) : (
            <p className="text-sm text-gray-800">
              A team can be deleted once it is empty. Move its {plural(team.members, 'member')} and {plural(team.components, 'component')} to another team
              first.
            </p>
          )}
        </Panel>
      </div>
    </>
  );
}
