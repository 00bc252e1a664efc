import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ComponentForm } from '@/components/catalog/component-form';
import { segmentText } from '@/components/catalog/param';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { assertCan } from '@/lib/server/authz';
import { getComponent, listComponentOptions } from '@/lib/server/components';
import { requireUser } from '@/lib/server/session';
import { listTeams } from '@/lib/server/teams';
import { guard } from '@/app/_lib/guard';
import { updateComponentAction } from '../../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('components.edit');
  return { title: t('title') };
}

export default async function EditComponentPage({ params }: { params: Promise<{ name: string }> }) {
  const [actor, t] = await Promise.all([requireUser(), getTranslations('components.edit')]);
  const name = segmentText((await params).name);
  const loaded = await guard(async () => {
    assertCan(actor, 'component.edit');
    const [component, teams, components] = await Promise.all([getComponent(actor, name), listTeams(actor), listComponentOptions(actor)]);
    return { component, teams, components };
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const { component, teams, components } = loaded.value;
  if (!component) notFound();
  const href = `/components/${encodeURIComponent(component.name)}`;
  return (
    <>
      <BackLink href={href}>{component.name}</BackLink>
      <PageHeader title={t('heading', { name: component.name })} description={t('description')} />
      <section aria-label={t('heading', { name: component.name })} className="max-w-3xl rounded-md border border-gray-200 bg-white p-4">
        <ClientMessages namespaces={['catalog']}>
          <ComponentForm
            action={updateComponentAction}
            component={{
              id: component.id,
              name: component.name,
              description: component.description,
              ownerTeamId: component.ownerTeam.id,
              tier: component.tier,
              repository: component.repository,
              distributionList: component.distributionList,
              version: component.version,
              dependencies: component.dependencies.map((d) => ({ component: d.component.name, range: d.range })),
            }}
            teams={teams.map((team) => ({ id: team.id, name: team.name }))}
            componentNames={components.map((c) => c.name)}
            submitLabel={t('submit')}
            cancelHref={href}
          />
        </ClientMessages>
      </section>
    </>
  );
}
