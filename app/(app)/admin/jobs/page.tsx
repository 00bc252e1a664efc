import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatWhen, type Viewer } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { getJobsOverview } from '@/lib/server/jobs/status';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-jobs');
  return { title: t('title') };
}

// each queue's name for people (admin-jobs queueNames)
const QUEUE_NAMES = {
  'relm-tick': 'tick',
  'relm-relay': 'relay',
  'relm-deliver': 'deliver',
  'relm-deliver-webhook': 'deliverWebhook',
  // pg-boss's own queue: it turns each cron slot into the job of its schedule
  '__pgboss__send-it': 'schedules',
} as const;

const queueKey = (name: string) => (Object.hasOwn(QUEUE_NAMES, name) ? QUEUE_NAMES[name as keyof typeof QUEUE_NAMES] : null);

const code = (chunks: ReactNode) => <code className="font-mono text-xs">{chunks}</code>;

const STATUS_TONE = { sent: 'green', failed: 'red', queued: 'blue', pending: 'gray', skipped: 'gray' } as const;

const when = (iso: string | null, viewer: Viewer) => (iso ? <time dateTime={iso}>{formatWhen(iso, viewer, { weekday: false })}</time> : '—');

/** The job engine's queues and failures, and the outgoing messages with their outcome, for admins. */
export default async function JobsPage() {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const [t, locale] = await Promise.all([getTranslations('admin-jobs'), getLocale().then(languageOf)]);
  const loaded = await guard(() => getJobsOverview(actor));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const o = loaded.value;
  const failedDeliveries = o.deliveries.byStatus.failed ?? 0;
  const queueLabel = (name: string) => {
    const key = queueKey(name);
    return key ? t(`queueNames.${key}`) : name;
  };

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-3">
        <Panel headingId="engine-heading" title={t('engine.heading')}>
          <p className="text-sm text-gray-900">
            {o.engine.running ? (
              <Badge tone="green">{t('engine.running')}</Badge>
            ) : o.engine.mode === 'off' ? (
              <Badge tone="gray">{t('engine.off')}</Badge>
            ) : (
              <Badge tone="amber">{t('engine.notRunning')}</Badge>
            )}
          </p>
          <p className="mt-2 text-sm text-gray-700">{o.engine.database === 'postgres' ? t('engine.postgres') : t('engine.embedded')}</p>
        </Panel>
        <Panel headingId="email-heading" title={t('email.heading')}>
          {o.email.enabled ? (
            <>
              <p className="text-sm">
                <Badge tone="green">{t('email.on')}</Badge>{' '}
                <span className="text-gray-900">{t('email.through', { host: localize(o.email.host ?? '', locale) })}</span>
              </p>
              <p className="mt-2 text-sm text-gray-700">{t('email.from', { from: o.email.from })}</p>
            </>
          ) : (
            <p className="text-sm text-gray-900">
              <Badge tone="gray">{t('email.off')}</Badge> {t.rich('email.offHint', { code })}
            </p>
          )}
          <p className="mt-2 text-sm text-gray-700">
            {o.email.publicUrl ? t('email.links', { url: o.email.publicUrl }) : t.rich('email.linksNotSet', { code })}
          </p>
        </Panel>
        <Panel headingId="deliveries-summary-heading" title={t('messages.heading')}>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            {(['pending', 'queued', 'sent', 'failed', 'skipped'] as const).map((s) => (
              <div key={s} className="contents">
                <dt className="text-gray-700 first-letter:uppercase">{t('status', { status: s })}</dt>
                <dd className="text-gray-900 tabular-nums">{o.deliveries.byStatus[s] ?? 0}</dd>
              </div>
            ))}
          </dl>
          {failedDeliveries ? <p className="mt-2 text-sm text-red-800">{t('messages.failed', { count: failedDeliveries })}</p> : null}
        </Panel>
      </div>

      <h2 className="mt-6 mb-2 text-base font-semibold text-gray-900">{t('queues.heading')}</h2>
      {o.queues.length ? (
        <Table caption={t('queues.caption')}>
          <THead>
            <tr>
              <Th>{t('queues.columns.queue')}</Th>
              <Th>{t('queues.columns.waiting')}</Th>
              <Th>{t('queues.columns.retrying')}</Th>
              <Th>{t('queues.columns.running')}</Th>
              <Th>{t('queues.columns.done')}</Th>
              <Th>{t('queues.columns.failed')}</Th>
            </tr>
          </THead>
          <TBody>
            {o.queues.map((q) => (
              <Tr key={q.name}>
                <Td>
                  {queueLabel(q.name)}
                  <code className="block font-mono text-xs text-gray-700">{q.name}</code>
                </Td>
                <Td className="tabular-nums">{q.created}</Td>
                <Td className="tabular-nums">{q.retry}</Td>
                <Td className="tabular-nums">{q.active}</Td>
                <Td className="tabular-nums">{q.completed}</Td>
                <Td className={q.failed ? 'text-red-800 tabular-nums' : 'tabular-nums'}>{q.failed}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState title={t('queues.empty.title')}>{t('queues.empty.body')}</EmptyState>
      )}

      <h2 className="mt-6 mb-2 text-base font-semibold text-gray-900">{t('failedJobs.heading')}</h2>
      {o.failedJobs.length ? (
        <Table caption={t('failedJobs.caption')}>
          <THead>
            <tr>
              <Th>{t('failedJobs.columns.when')}</Th>
              <Th>{t('failedJobs.columns.queue')}</Th>
              <Th>{t('failedJobs.columns.retries')}</Th>
              <Th>{t('failedJobs.columns.error')}</Th>
            </tr>
          </THead>
          <TBody>
            {o.failedJobs.map((j) => (
              <Tr key={j.id}>
                <Td className="text-xs whitespace-nowrap">{when(j.at, viewer)}</Td>
                <Td>
                  <code className="font-mono text-xs">{j.queue}</code>
                </Td>
                <Td className="tabular-nums">{j.retryCount}</Td>
                <Td className="text-xs break-words text-red-800">{j.error || '—'}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <p className="text-sm text-gray-700">{t('failedJobs.none')}</p>
      )}

      <h2 className="mt-6 mb-2 text-base font-semibold text-gray-900">{t('recent.heading')}</h2>
      {o.deliveries.recent.length ? (
        <Table caption={t('recent.caption')}>
          <THead>
            <tr>
              <Th>{t('recent.columns.queued')}</Th>
              <Th>{t('recent.columns.event')}</Th>
              <Th>{t('recent.columns.channel')}</Th>
              <Th>{t('recent.columns.to')}</Th>
              <Th>{t('recent.columns.outcome')}</Th>
              <Th>{t('recent.columns.attempts')}</Th>
              <Th>{t('recent.columns.lastError')}</Th>
            </tr>
          </THead>
          <TBody>
            {o.deliveries.recent.map((d) => (
              <Tr key={d.id}>
                <Td className="text-xs whitespace-nowrap">{when(d.createdAt, viewer)}</Td>
                <Td>
                  <code className="font-mono text-xs">{d.event}</code>
                </Td>
                <Td className="first-letter:uppercase">{t('channel', { channel: d.channel })}</Td>
                <Td className="max-w-56 text-xs break-all">{d.recipient}</Td>
                <Td>
                  <Badge tone={STATUS_TONE[d.status as keyof typeof STATUS_TONE] ?? 'gray'}>{t('status', { status: d.status })}</Badge>
                  {d.sentAt ? <span className="block text-xs text-gray-700">{when(d.sentAt, viewer)}</span> : null}
                </Td>
                <Td className="tabular-nums">{d.attempts}</Td>
                <Td className="max-w-72 text-xs break-words text-gray-800">
                  {d.lastError ? `${d.lastCode ? `${d.lastCode} · ` : ''}${localize(d.lastError, locale)}` : '—'}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState title={t('recent.empty.title')}>{t('recent.empty.body')}</EmptyState>
      )}
    </>
  );
}
