import type { Metadata } from 'next';
import { ClientMessages } from '@/components/i18n/client-messages';
import { FreezeForm } from '@/components/freezes/freeze-form';
import { FreezeTable } from '@/components/freezes/freeze-table';
import { plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { assertCan } from '@/lib/server/authz';
import { freezeScopeChoices, listFreezeWindows } from '@/lib/server/freezes';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { createFreezeAction } from './actions';

export const metadata: Metadata = { title: 'Freeze windows' };

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export default async function FreezesAdminPage() {
  const actor = await requireUser();
  const loaded = await guard(async () => {
    assertCan(actor, 'freeze.edit');
    return Promise.all([listFreezeWindows(actor), freezeScopeChoices(actor)]);
  });
  if (!loaded.ok) return <AccessDenied title="Freeze windows" reason={loaded.message} />;
  const [freezes, choices] = loaded.value;
  const active = freezes.filter((f) => f.active).length;

  return (
    <>
      <PageHeader
        title="Freeze windows"
        description={`${plural(freezes.length, 'freeze window')}, ${active} active. During an active freeze, releases in its scope cannot be scheduled or deployed without a two-person override.`}
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0">
          {freezes.length ? (
            <FreezeTable
              freezes={freezes}
              hrefOf={(id) => `/admin/freezes/${encodeURIComponent(id)}`}
              caption="Freeze windows with their scope, recurrence, next three occurrences (in each freeze's time zone) and status"
            />
          ) : (
            <EmptyState title="No freeze windows yet">
              Create one with the form, e.g. a weekly weekend freeze (RRULE FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0 lasting 3600 minutes in Europe/London) or
              a one-off year-end freeze.
            </EmptyState>
          )}
        </div>
        <Panel headingId="create-freeze-heading" title="Create a freeze window" selfStart>
          <ClientMessages namespaces={['freezes']}>
            <FreezeForm
              action={createFreezeAction}
              timeZones={timeZones()}
              environments={choices.environments}
              components={choices.components}
              submitLabel="Create freeze"
            />
          </ClientMessages>
        </Panel>
      </div>
    </>
  );
}
