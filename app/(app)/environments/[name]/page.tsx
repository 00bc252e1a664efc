import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ProtectedBadge, TierBadge } from '@/components/environments/promotion-path';
import { RunningTable } from '@/components/environments/running-table';
import { WindowList, type ListedWindow } from '@/components/environments/window-list';
import { plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { ButtonLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Prose } from '@/components/ui/text';
import { Section } from '@/components/ui/section';
import { allows } from '@/lib/server/authz';
import { getEnvironment } from '@/lib/server/environments';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Environment' };

export default async function EnvironmentPage({ params }: { params: Promise<{ name: string }> }) {
  const actor = await requireUser();
  const { name } = await params;
  const loaded = await guard(() => getEnvironment(actor, name));
  if (!loaded.ok) return <AccessDenied title="Environments" reason={loaded.message} />;
  const env = loaded.value;
  if (!env) notFound();
  const windows: ListedWindow[] = env.windowsList.map((w) => ({
    id: w.id,
    version: w.version,
    label: w.label,
    kind: w.kind,
    rrule: w.rrule ?? '',
    durationMinutes: w.durationMinutes ? String(w.durationMinutes) : '',
    timezone: w.timezone,
    startsAt: '',
    endsAt: '',
    description: w.description,
    activeNow: w.activeNow,
    next: w.next,
  }));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/environments" className="link">
          ← All environments
        </Link>
      </p>
      <PageHeader
        title={env.displayName}
        description={
          <>
            <span className="font-mono">{env.name}</span> · position {env.position} · runs {plural(env.running.length, 'component')}
          </>
        }
        meta={
          <>
            <TierBadge tier={env.tier} />
            {env.protected ? <ProtectedBadge /> : null}
          </>
        }
        actions={allows(actor, 'environment.edit') ? <ButtonLink href={`/admin/environments/${encodeURIComponent(env.name)}`}>Edit</ButtonLink> : null}
      />
      <div className="space-y-5">
        {env.description ? <Prose text={env.description} empty="" /> : null}
        <Section id="running" title="Runs now" count={env.running.length} bare>
          <RunningTable rows={env.running} environmentName={env.displayName} />
        </Section>
        <Section id="windows" title="Maintenance windows" count={windows.length} bare>
          <WindowList windows={windows} environmentId={env.id} timeZones={[]} editable={false} />
        </Section>
      </div>
    </>
  );
}
