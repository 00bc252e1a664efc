import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PromotionPath } from '@/components/environments/promotion-path';
import { RunningMatrix } from '@/components/environments/running-matrix';
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

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('environments');
  return { title: t('title') };
}

export default async function EnvironmentsPage() {
  const actor = await requireUser();
  // both reads need catalog.read; run them side by side
  const loaded = await guard(() => Promise.all([listEnvironments(actor), whatRunsWhere(actor)]));
  const t = await getTranslations('environments');
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const [environments, running] = loaded.value;
  const matrix = buildRunningMatrix(environments, running);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description', { count: environments.length })}
        actions={allows(actor, 'environment.edit') ? <ButtonLink href="/admin/environments">{t('manage')}</ButtonLink> : null}
      />
      {environments.length ? (
        <div className="space-y-6">
          <PromotionPath environments={environments} hrefOf={(name) => `/environments/${encodeURIComponent(name)}`} />
          <Section id="what-runs-where" title={t('whatRunsWhere')} count={matrix.rows.length} bare>
            <RunningMatrix matrix={matrix} />
          </Section>
        </div>
      ) : (
        <EmptyState title={t('emptyTitle')}>{t('empty')}</EmptyState>
      )}
    </>
  );
}
