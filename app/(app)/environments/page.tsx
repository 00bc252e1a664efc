import type { Metadata } from 'next';
import { PromotionPath } from '@/components/environments/promotion-path';
import { RunningMatrix } from '@/components/environments/running-matrix';
import { plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { buildRunningMatrix } from '@/lib/domain/running-matrix';
import { allows } from '@/lib/server/authz';
import { whatRunsWhere } from '@/lib/server/deployments';
import { listEnvironments } from '@/lib/server/environments';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Environments' };

export default async function EnvironmentsPage() {
  const actor = await requireUser();
  // both reads need catalog.read; run them side by side
  const loaded = await guard(() => Promise.all([listEnvironments(actor), whatRunsWhere(actor)]));
  if (!loaded.ok) return <AccessDenied title="Environments" reason={loaded.message} />;
  const [environments, running] = loaded.value;
  const matrix = buildRunningMatrix(environments, running);
  return (
    <>
      <PageHeader
        title="Environments"
        description={`${plural(environments.length, 'environment')} in promotion order.`}
        actions={allows(actor, 'environment.edit') ? <ButtonLink href="/admin/environments">Manage environments</ButtonLink> : null}
      />
      {environments.length ? (
        <div className="space-y-6">
          <PromotionPath environments={environments} hrefOf={(name) => `/environments/${encodeURIComponent(name)}`} />
          <Section id="what-runs-where" title="What runs where" count={matrix.rows.length} bare>
            <RunningMatrix matrix={matrix} />
          </Section>
        </div>
      ) : (
        <EmptyState title="No environments yet">An administrator defines the environments and their promotion path.</EmptyState>
      )}
    </>
  );
}
