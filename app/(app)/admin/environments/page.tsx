import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EnvironmentForm } from '@/components/environments/environment-form';
import { PromotionPath, ProtectedBadge, TierBadge } from '@/components/environments/promotion-path';
import { formatWhen } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Panel } from '@/components/ui/panel';
import { assertCan } from '@/lib/server/authz';
import { deployerChoices, listEnvironments, suggestedPosition } from '@/lib/server/environments';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { createEnvironmentAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-environments');
  return { title: t('title') };
}

export default async function EnvironmentsPage() {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const t = await getTranslations('admin-environments');
  const loaded = await guard(async () => {
    assertCan(actor, 'environment.edit');
    return Promise.all([listEnvironments(actor), suggestedPosition(actor), deployerChoices(actor)]);
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const [environments, nextPosition, deployers] = loaded.value;
  const href = (name: string) => `/admin/environments/${encodeURIComponent(name)}`;

  return (
    <>
      <PageHeader title={t('title')} description={t('list.summary', { count: environments.length })} />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-5">
          {environments.length ? (
            <>
              <section aria-labelledby="path-heading">
                <h2 id="path-heading" className="mb-2 text-base font-semibold text-gray-900">
                  {t('list.pathHeading')}
                </h2>
                <PromotionPath environments={environments} hrefOf={href} />
              </section>
              <Table caption={t('list.caption')}>
                <THead>
                  <tr>
                    <Th className="text-right">{t('list.columns.position')}</Th>
                    <Th>{t('list.columns.environment')}</Th>
                    <Th>{t('list.columns.tier')}</Th>
                    <Th className="text-right">{t('list.columns.components')}</Th>
                    <Th className="text-right">{t('list.columns.windows')}</Th>
                    <Th>{t('list.columns.nextWindow')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {environments.map((e) => (
                    <Tr key={e.id}>
                      <Td className="text-right tabular-nums">{e.position}</Td>
                      <Td className="whitespace-nowrap">
                        <a href={href(e.name)} className="link font-medium">
                          {e.displayName}
                        </a>{' '}
                        <span className="font-mono text-xs text-gray-700">{e.name}</span>
                      </Td>
                      <Td>
                        <span className="flex gap-1">
                          <TierBadge tier={e.tier} />
                          {e.protected ? <ProtectedBadge /> : null}
                        </span>
                      </Td>
                      <Td className="text-right tabular-nums">{e.components}</Td>
                      <Td className="text-right tabular-nums">{e.windows}</Td>
                      <Td className="text-xs">
                        {e.nextWindow ? (
                          <>
                            {e.nextWindow.now ? <span className="font-medium text-green-800">{t('list.now')}</span> : null}
                            {t('list.window', {
                              label: e.nextWindow.label,
                              start: formatWhen(e.nextWindow.start, viewer, { weekday: false }),
                              end: formatWhen(e.nextWindow.end, viewer, { weekday: false }),
                            })}
                          </>
                        ) : (
                          <span className="text-gray-700">—</span>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </>
          ) : (
            <EmptyState title={t('list.empty.title')}>{t('list.empty.body')}</EmptyState>
          )}
        </div>
        <Panel headingId="create-env-heading" title={t('list.createHeading')} selfStart>
          <EnvironmentForm action={createEnvironmentAction} submitLabel={t('list.create')} suggestedPosition={nextPosition} deployers={deployers} />
        </Panel>
      </div>
    </>
  );
}
