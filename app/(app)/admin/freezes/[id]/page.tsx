import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/i18n/client-messages';
import { FreezeActiveToggle } from '@/components/freezes/active-toggle';
import { FreezeForm, type EditableFreeze } from '@/components/freezes/freeze-form';
import { FreezeStatus } from '@/components/freezes/freeze-table';
import { formatWhen, otherZoneNote, plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Section } from '@/components/ui/section';
import { assertCan } from '@/lib/server/authz';
import { freezeFormValues, freezeScopeChoices, getFreezeWindow } from '@/lib/server/freezes';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { setFreezeActiveAction, updateFreezeAction } from '../actions';

export const metadata: Metadata = { title: 'Edit freeze window' };

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export default async function FreezePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const { id } = await params;
  const loaded = await guard(async () => {
    assertCan(actor, 'freeze.edit');
    return Promise.all([getFreezeWindow(actor, id), freezeScopeChoices(actor)]);
  });
  if (!loaded.ok) return <AccessDenied title="Freeze windows" reason={loaded.message} />;
  const [freeze, choices] = loaded.value;
  if (!freeze) notFound();
  const values: EditableFreeze = freezeFormValues(freeze);

  return (
    <>
      <BackLink href="/admin/freezes">All freeze windows</BackLink>
      <PageHeader
        title={freeze.name}
        description={
          <>
            {freeze.scope} · {freeze.description}
            {freeze.createdBy ? ` · created by ${freeze.createdBy}` : ''} · {plural(freeze.overrides, 'override')} requested
          </>
        }
        meta={<FreezeStatus freeze={freeze} />}
      />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="min-w-0 space-y-5">
          <Section id="reason" title="Reason">
            <p className="text-sm whitespace-pre-line text-gray-900">{freeze.reason}</p>
          </Section>
          <Section id="next" title={`Next occurrences (set in ${freeze.timezone})`} count={freeze.next.length}>
            {freeze.next.length ? (
              <ol className="list-decimal space-y-0.5 pl-5 text-sm tabular-nums">
                {freeze.next.map((o) => (
                  <li key={o.start}>
                    {formatWhen(o.start, viewer)} – {formatWhen(o.end, viewer)}
                    {otherZoneNote(o.start, viewer, freeze.timezone, 'the freeze’s zone') ? (
                      <span className="text-xs text-gray-700"> ({otherZoneNote(o.start, viewer, freeze.timezone, 'the freeze’s zone')})</span>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm text-gray-800">This freeze has no upcoming occurrence.</p>
            )}
          </Section>
          <Section id="activation" title={freeze.active ? 'Deactivate' : 'Activate'}>
            <ClientMessages namespaces={['freezes']}>
              <FreezeActiveToggle action={setFreezeActiveAction} id={freeze.id} active={freeze.active} name={freeze.name} />
            </ClientMessages>
          </Section>
        </div>
        <Panel headingId="edit-freeze-heading" title="Edit" selfStart>
          <ClientMessages namespaces={['freezes']}>
            <FreezeForm
              action={updateFreezeAction}
              freeze={values}
              timeZones={timeZones()}
              environments={choices.environments}
              components={choices.components}
              submitLabel="Save changes"
            />
          </ClientMessages>
        </Panel>
      </div>
    </>
  );
}
