import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EnvironmentForm } from '@/components/environments/environment-form';
import { ProtectedBadge, TierBadge } from '@/components/environments/promotion-path';
import { RunningTable } from '@/components/environments/running-table';
import { WindowForm } from '@/components/environments/window-form';
import { WindowList, type ListedWindow } from '@/components/environments/window-list';
import { formatDateTime, plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { FormSuccess } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { instantToLocalDateTime, isValidTimeZone } from '@/lib/domain/recurrence';
import { assertCan } from '@/lib/server/authz';
import { getEnvironment } from '@/lib/server/environments';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { addWindowAction, removeWindowAction, updateEnvironmentAction, updateWindowAction } from './actions';

export const metadata: Metadata = { title: 'Edit environment' };

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
  const { name } = await params;
  const renamed = (await searchParams).renamed === '1';
  const loaded = await guard(async () => {
    assertCan(actor, 'environment.edit');
    return getEnvironment(actor, name);
  });
  if (!loaded.ok) return <AccessDenied title="Environments" reason={loaded.message} />;
  const env = loaded.value;
  if (!env) notFound();
  const zones = timeZones();
  const windows: ListedWindow[] = env.windowsList.map((w) => {
    const zone = isValidTimeZone(w.timezone) ? w.timezone : 'UTC';
    return {
      id: w.id,
      version: w.version,
      label: w.label,
      kind: w.kind,
      rrule: w.rrule ?? '',
      durationMinutes: w.durationMinutes ? String(w.durationMinutes) : '',
      timezone: w.timezone,
      startsAt: w.startsAt ? instantToLocalDateTime(new Date(w.startsAt), zone) : '',
      endsAt: w.endsAt ? instantToLocalDateTime(new Date(w.endsAt), zone) : '',
      description: w.description,
      activeNow: w.activeNow,
      next: w.next,
    };
  });

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/environments" className="link">
          ← All environments
        </Link>
      </p>
      <PageHeader
        title={env.displayName}
        description={
          <>
            <span className="font-mono">{env.name}</span> · position {env.position} · runs {plural(env.running.length, 'component')}
            {env.nextWindow ? (
              <>
                {' '}
                · {env.nextWindow.now ? 'in a maintenance window now' : `next window ${formatDateTime(env.nextWindow.start, 'UTC')} UTC`}
              </>
            ) : null}
          </>
        }
        meta={
          <>
            <TierBadge tier={env.tier} />
            {env.protected ? <ProtectedBadge /> : null}
          </>
        }
      />
      {renamed ? (
        <div className="mb-3">
          <FormSuccess>Saved. The environment now lives at this address.</FormSuccess>
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-5">
          <Section id="windows" title="Maintenance windows" count={windows.length} bare>
            <WindowList windows={windows} environmentId={env.id} timeZones={zones} updateAction={updateWindowAction} removeAction={removeWindowAction} editable />
          </Section>
          <Section id="add-window" title="Add a maintenance window">
            <WindowForm action={addWindowAction} environmentId={env.id} timeZones={zones} submitLabel="Add window" />
          </Section>
          <Section id="running" title="Runs now" count={env.running.length} bare>
            <RunningTable rows={env.running} environmentName={env.displayName} />
          </Section>
        </div>
        <section aria-labelledby="edit-env-heading" className="self-start rounded-md border border-gray-200 bg-white p-4">
          <h2 id="edit-env-heading" className="mb-3 text-base font-semibold text-gray-900">
            Details
          </h2>
          <EnvironmentForm action={updateEnvironmentAction} environment={env} submitLabel="Save changes" />
        </section>
      </div>
    </>
  );
}
