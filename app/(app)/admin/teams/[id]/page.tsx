import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TeamDelete } from '@/components/admin/team-delete';
import { TeamForm } from '@/components/admin/team-form';
import { plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { PageHeader } from '@/components/ui/page-header';
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
      <p className="mb-2 text-sm">
        <Link href="/admin/teams" className="link">
          ← All teams
        </Link>
      </p>
      <PageHeader title={team.name} description={`${plural(team.members, 'member')} · owns ${plural(team.components, 'component')}`} />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section aria-labelledby="edit-team-heading" className="rounded-md border border-gray-200 bg-white p-4">
          <h2 id="edit-team-heading" className="mb-3 text-base font-semibold text-gray-900">
            Details
          </h2>
          <TeamForm action={updateTeamAction} team={team} submitLabel="Save changes" />
        </section>
        <section aria-labelledby="delete-team-heading" className="self-start rounded-md border border-gray-200 bg-white p-4">
          <h2 id="delete-team-heading" className="mb-3 text-base font-semibold text-gray-900">
            Delete this team
          </h2>
          {empty ? (
            <TeamDelete action={deleteTeamAction} teamId={team.id} teamName={team.name} />
          ) : (
            <p className="text-sm text-gray-800">
              A team can be deleted once it is empty. Move its {plural(team.members, 'member')} and {plural(team.components, 'component')} to another team first.
            </p>
          )}
        </section>
      </div>
    </>
  );
}
