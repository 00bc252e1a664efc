import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { getTranslations, getLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { FreezeActiveToggle } from '@/components/freezes/active-toggle';
import { FreezeForm, type EditableFreeze } from '@/components/freezes/freeze-form';
import { FreezeStatus } from '@/components/freezes/freeze-table';
import { formatWhen, otherZoneNote } from '@/components/format';
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
import { ClientMessages } from '@/components/i18n/client-messages';
import { localize } from '@/lib/server/say';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-freezes');
  return { title: t('editTitle') };
}

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export default async function FreezePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const t = await getTranslations('admin-freezes');
  const { id } = await params;
  const loaded = await guard(async () => {
    assertCan(actor, 'freeze.edit');
    return Promise.all([getFreezeWindow(actor, id), freezeScopeChoices(actor)]);
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const [freeze, choices] = loaded.value;
  if (!freeze) notFound();
  const values: EditableFreeze = freezeFormValues(freeze);
  const locale = await getLocale();
  const summary = { scope: localize(freeze.scope, locale), description: localize(freeze.description, locale), overrides: freeze.overrides };

  return (
    <ClientMessages namespaces={['freezes']}>
      <>
        <BackLink href="/admin/freezes">{t('detail.allFreezes')}</BackLink>
        <PageHeader
          title={freeze.name}
          description={freeze.createdBy ? t('detail.summaryCreatedBy', { ...summary, createdBy: freeze.createdBy }) : t('detail.summary', summary)}
          meta={<FreezeStatus freeze={freeze} />}
        />
        <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_26rem]">
          <div className="min-w-0 space-y-5">
            <Section id="reason" title={t('detail.reasonHeading')}>
              <p className="text-sm whitespace-pre-line text-gray-900">{freeze.reason}</p>
            </Section>
            <Section id="next" title={t('detail.nextHeading', { zone: freeze.timezone })} count={freeze.next.length}>
              {freeze.next.length ? (
                <ol className="list-decimal space-y-0.5 pl-5 text-sm tabular-nums">
                  {freeze.next.map((o) => (
                    <li key={o.start}>
                      {formatWhen(o.start, viewer)} – {formatWhen(o.end, viewer)}
                      {otherZoneNote(o.start, viewer, freeze.timezone, 'freeze') ? (
                        <span className="text-xs text-gray-700"> ({otherZoneNote(o.start, viewer, freeze.timezone, 'freeze')})</span>
                      ) : null}
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="text-sm text-gray-800">{t('detail.noUpcoming')}</p>
              )}
            </Section>
            <Section id="activation" title={freeze.active ? t('detail.deactivate') : t('detail.activate')}>
              <FreezeActiveToggle action={setFreezeActiveAction} id={freeze.id} active={freeze.active} name={freeze.name} />
            </Section>
          </div>
          <Panel headingId="edit-freeze-heading" title={t('detail.editHeading')} selfStart>
            <FreezeForm
              action={updateFreezeAction}
              freeze={values}
              timeZones={timeZones()}
              environments={choices.environments}
              components={choices.components}
              submitLabel={t('detail.save')}
            />
          </Panel>
        </div>
      </>
    </ClientMessages>
  );
}
