import type { Metadata } from 'next';
import { BuildForm } from '@/components/catalog/build-form';
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

export const metadata: Metadata = { title: 'Record build' };

export default async function NewBuildPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser();
  const wanted = (await searchParams).component;
  const loaded = await guard(async () => {
    assertCan(actor, 'build.record');
    return listComponentOptions(actor);
  });
  if (!loaded.ok) return <AccessDenied title="Record build" reason={loaded.message} />;
  const names = loaded.value.map((c) => c.name);
  const defaultComponent = typeof wanted === 'string' && names.includes(wanted) ? wanted : undefined;

  return (
    <>
      <BackLink href="/builds">All builds</BackLink>
      <PageHeader title="Record build" description="Enter a build by hand. Pipelines report builds with POST /api/v1/builds instead." />
      {names.length ? (
        <section aria-label="Record build" className="max-w-3xl rounded-md border border-gray-200 bg-white p-4">
          <BuildForm action={recordBuildAction} componentNames={names} defaultComponent={defaultComponent} actorLabel={actor.label} />
        </section>
      ) : (
        <EmptyState
          title="There are no components to record builds of"
          action={
            allows(actor, 'component.edit') ? (
              <ButtonLink href="/components/new" variant="primary">
                New component
              </ButtonLink>
            ) : null
          }
        >
          A build belongs to a component of the catalogue.{' '}
          {allows(actor, 'component.edit') ? 'Create the component first.' : 'Ask an admin or release manager to add it.'}
        </EmptyState>
      )}
    </>
  );
}
