import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { EnvironmentHeader } from '@/components/environments/environment-header';
import { RunningTable } from '@/components/environments/running-table';
import { WindowList, listedWindows } from '@/components/environments/window-list';
import { AccessDenied } from '@/components/route/access-denied';
import { ButtonLink } from '@/components/ui/button';
import { MarkdownText } from '@/components/ui/markdown';
import { Section } from '@/components/ui/section';
import { allows } from '@/lib/server/authz';
import { getEnvironment, localizeEnvironment } from '@/lib/server/environments';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('environments');
  return { title: t('environmentTitle') };
}

export default async function EnvironmentPage({ params }: { params: Promise<{ name: string }> }) {
  const actor = await requireUser();
  const { name } = await params;
  const loaded = await guard(() => getEnvironment(actor, name));
  const t = await getTranslations('environments');
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const env = loaded.value;
  if (!env) notFound();
  const windows = listedWindows(localizeEnvironment(env, await getLocale()).windowsList, { editable: false });
  return (
    <>
      <EnvironmentHeader
        env={env}
        backHref="/environments"
        actions={allows(actor, 'environment.edit') ? <ButtonLink href={`/admin/environments/${encodeURIComponent(env.name)}`}>{t('edit')}</ButtonLink> : null}
      />
      <div className="space-y-5">
        {env.description ? <MarkdownText text={env.description} empty="" /> : null}
        <Section id="running" title={t('runsNow')} count={env.running.length} bare>
          <RunningTable rows={env.running} environmentName={env.displayName} />
        </Section>
        <Section id="windows" title={t('maintenanceWindows')} count={windows.length} bare>
          <WindowList windows={windows} environmentId={env.id} timeZones={[]} editable={false} />
        </Section>
      </div>
    </>
  );
}
