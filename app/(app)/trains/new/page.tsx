import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { TrainForm } from '@/components/trains/train-form';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { assertCan } from '@/lib/server/authz';
import { requireUser } from '@/lib/server/session';
import { trainEnvironmentChoices } from '@/lib/server/trains';
import { guard } from '@/app/_lib/guard';
import { createTrainAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('trains.new');
  return { title: t('title') };
}

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export default async function NewTrainPage() {
  const actor = await requireUser();
  const loaded = await guard(async () => {
    assertCan(actor, 'train.write');
    return trainEnvironmentChoices(actor);
  });
  const t = await getTranslations('trains');
  if (!loaded.ok) return <AccessDenied title={t('new.title')} reason={loaded.message} />;
  return (
    <ClientMessages namespaces={['trains']}>
      <BackLink href="/trains">{t('allTrains')}</BackLink>
      <PageHeader title={t('new.title')} />
      <div className="max-w-2xl">
        <Panel headingId="new-train-heading" title={t('form.panel')}>
          <TrainForm action={createTrainAction} timeZones={timeZones()} environments={loaded.value} submitLabel={t('new.submit')} />
        </Panel>
      </div>
    </ClientMessages>
  );
}
