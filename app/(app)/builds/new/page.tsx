import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { BuildForm } from '@/components/catalog/build-form';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { allows, assertCan } from '@/lib/server/authz';
import { listComponentOptions } from '@/lib/server/components';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { recordBuildAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('builds.record');
  return { title: t('title') };
}

export default async function NewBuildPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [actor, t] = await Promise.all([requireUser(), getTranslations('builds.record')]);
  const wanted = (await searchParams).component;
  const loaded = await guard(async () => {
    assertCan(actor, 'build.record');
    return listComponentOptions(actor);
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const names = loaded.value.map((c) => c.name);
  const defaultComponent = typeof wanted === 'string' && names.includes(wanted) ? wanted : undefined;

  return (
    <>
      <BackLink href="/builds">{t('back')}</BackLink>
      <PageHeader title={t('title')} description={t('description')} />
      {names.length ? (
        <section aria-label={t('title')} className="max-w-3xl rounded-md border border-gray-200 bg-white p-4">
          <ClientMessages namespaces={['catalog']}>
            <BuildForm action={recordBuildAction} componentNames={names} defaultComponent={defaultComponent} actorLabel={actor.label} />
          </ClientMessages>
        </section>
      ) : (
        <EmptyState
          title={t('noComponents.title')}
          action={
            allows(actor, 'component.edit') ? (
              <ButtonLink href="/components/new" variant="primary">
                {t('noComponents.newComponent')}
              </ButtonLink>
            ) : null
          }
        >
          {allows(actor, 'component.edit') ? t('noComponents.editor') : t('noComponents.reader')}
        </EmptyState>
      )}
    </>
  );
}
