import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { notFound } from 'next/navigation';
import { AccessDenied } from '@/components/route/access-denied';
import { TrainForm } from '@/components/trains/train-form';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/server/session';
import { getTrainForEdit, trainEnvironmentChoices } from '@/lib/server/trains';
import { guard } from '@/app/_lib/guard';
import { updateTrainAction } from '../../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('trains.edit');
  return { title: t('title') };
}

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export default async function EditTrainPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireUser();
  const { slug } = await params;
  const loaded = await guard(() => Promise.all([getTrainForEdit(actor, slug), trainEnvironmentChoices(actor)]));
  const t = await getTranslations('trains');
  if (!loaded.ok) return <AccessDenied title={t('edit.title')} reason={loaded.message} />;
  const [train, environments] = loaded.value;
  if (!train) notFound();
  return (
    <ClientMessages namespaces={['trains']}>
      <BackLink href={`/trains/${train.slug}`}>{train.name}</BackLink>
      <PageHeader title={t('edit.heading', { name: train.name })} description={t('edit.description')} />
      <div className="max-w-2xl">
        <Panel headingId="edit-train-heading" title={t('form.panel')}>
          <TrainForm action={updateTrainAction} train={train} timeZones={timeZones()} environments={environments} submitLabel={t('edit.submit')} />
        </Panel>
      </div>
    </ClientMessages>
  );
}
