import type { Metadata } from 'next';
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

export const metadata: Metadata = { title: 'Edit release train' };

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export default async function EditTrainPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireUser();
  const { slug } = await params;
  const loaded = await guard(() => Promise.all([getTrainForEdit(actor, slug), trainEnvironmentChoices(actor)]));
  if (!loaded.ok) return <AccessDenied title="Edit release train" reason={loaded.message} />;
  const [train, environments] = loaded.value;
  if (!train) notFound();
  return (
    <>
      <BackLink href={`/trains/${train.slug}`}>{train.name}</BackLink>
      <PageHeader title={`Edit ${train.name}`} description="Departures already stored (with releases on them) keep their time and cut-off." />
      <div className="max-w-2xl">
        <Panel headingId="edit-train-heading" title="Train">
          <TrainForm action={updateTrainAction} train={train} timeZones={timeZones()} environments={environments} submitLabel="Save train" />
        </Panel>
      </div>
    </>
  );
}
