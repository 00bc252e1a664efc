import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { FreezeForm } from '@/components/freezes/freeze-form';
import { FreezeTable } from '@/components/freezes/freeze-table';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { assertCan } from '@/lib/server/authz';
import { freezeScopeChoices, listFreezeWindows } from '@/lib/server/freezes';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { createFreezeAction } from './actions';
import { ClientMessages } from '@/components/i18n/client-messages';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-freezes');
  return { title: t('title') };
}

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export default async function FreezesAdminPage() {
  const actor = await requireUser();
  const t = await getTranslations('admin-freezes');
  const loaded = await guard(async () => {
    assertCan(actor, 'freeze.edit');
    return Promise.all([listFreezeWindows(actor), freezeScopeChoices(actor)]);
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const [freezes, choices] = loaded.value;
  const active = freezes.filter((f) => f.active).length;

  return (
    <ClientMessages namespaces={['freezes']}>
      <>
        <PageHeader title={t('title')} description={t('list.summary', { count: freezes.length, active })} />
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_24rem]">
          <div className="min-w-0">
            {freezes.length ? (
              <FreezeTable freezes={freezes} hrefOf={(id) => `/admin/freezes/${encodeURIComponent(id)}`} caption={t('list.caption')} />
            ) : (
              <EmptyState title={t('list.empty.title')}>{t('list.empty.body')}</EmptyState>
            )}
          </div>
          <Panel headingId="create-freeze-heading" title={t('list.createHeading')} selfStart>
            <FreezeForm
              action={createFreezeAction}
              timeZones={timeZones()}
              environments={choices.environments}
              components={choices.components}
              submitLabel={t('list.create')}
            />
          </Panel>
        </div>
      </>
    </ClientMessages>
  );
}
