import type { Metadata } from 'next';
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

export const metadata: Metadata = { title: 'New release train' };

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
  if (!loaded.ok) return <AccessDenied title="New release train" reason={loaded.message} />;
  return (
    <>
      <BackLink href="/trains">All release trains</BackLink>
      <PageHeader title="New release train" />
      <div className="max-w-2xl">
        <Panel headingId="new-train-heading" title="Train">
          <TrainForm action={createTrainAction} timeZones={timeZones()} environments={loaded.value} submitLabel="Create train" />
        </Panel>
      </div>
    </>
  );
}
