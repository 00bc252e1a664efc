import type { Metadata } from 'next';
import { ComponentForm } from '@/components/catalog/component-form';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { assertCan } from '@/lib/server/authz';
import { listComponentOptions } from '@/lib/server/components';
import { requireUser } from '@/lib/server/session';
import { listTeams } from '@/lib/server/teams';
import { guard } from '@/app/_lib/guard';
import { createComponentAction } from '../actions';

export const metadata: Metadata = { title: 'New component' };

export default async function NewComponentPage() {
  const actor = await requireUser();
  const loaded = await guard(async () => {
    assertCan(actor, 'component.edit');
    const [teams, components] = await Promise.all([listTeams(actor), listComponentOptions(actor)]);
    return { teams, components };
  });
  if (!loaded.ok) return <AccessDenied title="New component" reason={loaded.message} />;
  const { teams, components } = loaded.value;
  return (
    <>
      <BackLink href="/components">All components</BackLink>
      <PageHeader title="New component" description="A deployable service or configuration item: who owns it, how critical it is, and what it needs." />
      <section aria-label="New component" className="max-w-3xl rounded-md border border-gray-200 bg-white p-4">
        <ComponentForm
          action={createComponentAction}
          teams={teams.map((t) => ({ id: t.id, name: t.name }))}
          componentNames={components.map((c) => c.name)}
          submitLabel="Create component"
          cancelHref="/components"
        />
      </section>
    </>
  );
}
