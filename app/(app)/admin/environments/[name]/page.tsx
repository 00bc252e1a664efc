import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { EnvironmentForm } from '@/components/environments/environment-form';
import { EnvironmentHeader } from '@/components/environments/environment-header';
import { RunningTable } from '@/components/environments/running-table';
import { WindowForm } from '@/components/environments/window-form';
import { WindowList, listedWindows } from '@/components/environments/window-list';
import { AccessDenied } from '@/components/route/access-denied';
import { PageNotice } from '@/components/ui/form-message';
import { Section } from '@/components/ui/section';
import { Panel } from '@/components/ui/panel';
import { assertCan } from '@/lib/server/authz';
import { deployerChoices, getEnvironment, localizeEnvironment } from '@/lib/server/environments';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { addWindowAction, removeWindowAction, updateEnvironmentAction, updateWindowAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-environments');
  return { title: t('editTitle') };
}

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export default async function EnvironmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireUser();
  const t = await getTranslations('admin-environments');
  const { name } = await params;
  const renamed = (await searchParams).renamed === '1';
  const loaded = await guard(async () => {
    assertCan(actor, 'environment.edit');
    return Promise.all([getEnvironment(actor, name), deployerChoices(actor)]);
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const [env, deployers] = loaded.value;
  if (!env) notFound();
  const zones = timeZones();
  const windows = listedWindows(localizeEnvironment(env, await getLocale()).windowsList, { editable: true });

  return (
    <>
      <EnvironmentHeader env={env} backHref="/admin/environments" showNextWindow />
      <PageNotice>{renamed ? t('detail.renamed') : null}</PageNotice>
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-5">
          <Section id="windows" title={t('detail.windowsHeading')} count={windows.length} bare>
            <WindowList
              windows={windows}
              environmentId={env.id}
              timeZones={zones}
              updateAction={updateWindowAction}
              removeAction={removeWindowAction}
              editable
            />
          </Section>
          <Section id="add-window" title={t('detail.addWindowHeading')}>
            <WindowForm action={addWindowAction} environmentId={env.id} timeZones={zones} submitLabel={t('detail.addWindow')} />
          </Section>
          <Section id="running" title={t('detail.runningHeading')} count={env.running.length} bare>
            <RunningTable rows={env.running} environmentName={env.displayName} />
          </Section>
        </div>
        <Panel headingId="edit-env-heading" title={t('detail.detailsHeading')} selfStart>
          <EnvironmentForm action={updateEnvironmentAction} environment={env} submitLabel={t('detail.save')} deployers={deployers} />
        </Panel>
      </div>
    </>
  );
}
