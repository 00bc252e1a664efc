import type { Metadata } from 'next';
import { PromotionPath } from '@/components/environments/promotion-path';
import { plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { allows } from '@/lib/server/authz';
import { listEnvironments } from '@/lib/server/environments';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Environments' };

export default async function EnvironmentsPage() {
  const actor = await requireUser();
  const loaded = await guard(() => listEnvironments(actor));
  if (!loaded.ok) return <AccessDenied title="Environments" reason={loaded.message} />;
  const environments = loaded.value;
  return (
    <>
      <PageHeader
        title="Environments"
        description={`${plural(environments.length, 'environment')} in promotion order.`}
        actions={allows(actor, 'environment.edit') ? <ButtonLink href="/admin/environments">Manage environments</ButtonLink> : null}
      />
      {environments.length ? (
        <PromotionPath environments={environments} hrefOf={(name) => `/environments/${encodeURIComponent(name)}`} />
      ) : (
        <EmptyState title="No environments yet">An administrator defines the environments and their promotion path.</EmptyState>
      )}
    </>
  );
}
