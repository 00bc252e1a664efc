import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TeamForm } from '@/components/admin/team-form';
import { ClientMessages } from '@/components/i18n/client-messages';
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

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-teams');
  return { title: t('title') };
}

export default async function TeamsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser();
  const t = await getTranslations('admin-teams');
  const deleted = (await searchParams).deleted === '1';
  // the team list is readable by every role (catalogue); managing teams is for admins
  const loaded = await guard(() => listTeamsToManage(actor));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const teams = loaded.value;

  return (
    <>
      <PageHeader title={t('title')} description={t('list.summary', { count: teams.length })} />
      <PageNotice>{deleted ? t('list.deleted') : null}</PageNotice>
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0">
          {teams.length ? (
            <Table caption={t('list.caption')}>
              <THead>
                <tr>
                  <Th>{t('list.columns.team')}</Th>
                  <Th>{t('list.columns.slug')}</Th>
                  <Th className="text-right">{t('list.columns.members')}</Th>
                  <Th className="text-right">{t('list.columns.components')}</Th>
                  <Th>{t('list.columns.description')}</Th>
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
            <EmptyState title={t('list.empty.title')}>{t('list.empty.body')}</EmptyState>
          )}
        </div>
        <Panel headingId="create-team-heading" title={t('list.createHeading')} selfStart>
          <ClientMessages namespaces={['admin-teams']}>
            <TeamForm action={createTeamAction} submitLabel={t('list.create')} />
          </ClientMessages>
        </Panel>
      </div>
    </>
  );
}
