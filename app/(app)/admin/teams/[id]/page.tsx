import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { TeamDelete } from '@/components/admin/team-delete';
import { TeamForm } from '@/components/admin/team-form';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/server/session';
import { getTeamToManage } from '@/lib/server/teams';
import { guard } from '@/app/_lib/guard';
import { deleteTeamAction, updateTeamAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-teams');
  return { title: t('editTitle') };
}

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser();
  const t = await getTranslations('admin-teams');
  const { id } = await params;
  const loaded = await guard(() => getTeamToManage(actor, id));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const team = loaded.value;
  if (!team) notFound();
  const empty = team.members === 0 && team.components === 0;

  const counts = { members: team.members, components: team.components };

  return (
    <ClientMessages namespaces={['admin-teams']}>
      <BackLink href="/admin/teams">{t('detail.allTeams')}</BackLink>
      <PageHeader title={team.name} description={t('detail.summary', counts)} />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Panel headingId="edit-team-heading" title={t('detail.detailsHeading')}>
          <TeamForm action={updateTeamAction} team={team} submitLabel={t('detail.save')} />
        </Panel>
        <Panel headingId="delete-team-heading" title={t('detail.deleteHeading')} selfStart>
          {empty ? (
            <TeamDelete action={deleteTeamAction} teamId={team.id} teamName={team.name} />
          ) : (
            <p className="text-sm text-gray-800">{t('detail.notEmpty', counts)}</p>
          )}
        </Panel>
      </div>
    </ClientMessages>
  );
}
