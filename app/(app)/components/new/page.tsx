import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ComponentForm } from '@/components/catalog/component-form';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { assertCan } from '@/lib/server/authz';
import { listComponentOptions } from '@/lib/server/components';
import { requireUser } from '@/lib/server/session';
import { listTeams } from '@/lib/server/teams';
import { guard } from '@/app/_lib/guard';
import { createComponentAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('components.new');
  return { title: t('title') };
}

export default async function NewComponentPage() {
  const [actor, t] = await Promise.all([requireUser(), getTranslations('components.new')]);
  const loaded = await guard(async () => {
    assertCan(actor, 'component.edit');
    const [teams, components] = await Promise.all([listTeams(actor), listComponentOptions(actor)]);
    return { teams, components };
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const { teams, components } = loaded.value;
  return (
    <>
      <BackLink href="/components">{t('back')}</BackLink>
      <PageHeader title={t('title')} description={t('description')} />
      <section aria-label={t('title')} className="max-w-3xl rounded-md border border-gray-200 bg-white p-4">
        <ClientMessages namespaces={['catalog']}>
          <ComponentForm
            action={createComponentAction}
            teams={teams.map((team) => ({ id: team.id, name: team.name }))}
            componentNames={components.map((c) => c.name)}
            submitLabel={t('submit')}
            cancelHref="/components"
          />
        </ClientMessages>
      </section>
    </>
  );
}
