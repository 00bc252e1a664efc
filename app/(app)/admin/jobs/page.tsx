import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { formatWhen, type Viewer } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { getJobsOverview } from '@/lib/server/jobs/status';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Jobs and messages' };

const QUEUE_NAMES: Record<string, string> = {
  'relm-tick': 'Timed work (every minute)',
  'relm-relay': 'Outbox relay',
  'relm-deliver': 'Message deliveries',
  'relm-deliver-webhook': 'Webhook deliveries',
  // pg-boss's own queue: it turns each cron slot into the job of its schedule
  '__pgboss__send-it': 'Schedules (pg-boss)',
};

const STATUS_TONE = { sent: 'green', failed: 'red', queued: 'blue', pending: 'gray', skipped: 'gray' } as const;

const when = (iso: string | null, viewer: Viewer) => (iso ? <time dateTime={iso}>{formatWhen(iso, viewer, { weekday: false })}</time> : '—');

/** The job engine's queues and failures, and the outgoing messages with their outcome, for admins. */
export default async function JobsPage() {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const loaded = await guard(() => getJobsOverview(actor));
  if (!loaded.ok) return <AccessDenied title="Jobs and messages" reason={loaded.message} />;
  const o = loaded.value;
  const failedDeliveries = o.deliveries.byStatus.failed ?? 0;

  return (
    <>
      <PageHeader
        title="Jobs and messages"
        description="Background work runs as durable jobs: timed checks every minute, and every message Relm sends, retried with backoff."
      />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-3">
        <Panel headingId="engine-heading" title="Job engine">
          <p className="text-sm text-gray-900">
            {o.engine.running ? (
              <Badge tone="green">Running in this process</Badge>
            ) : o.engine.mode === 'off' ? (
              <Badge tone="gray">Off in this process (RELM_JOBS=off)</Badge>
            ) : (
              <Badge tone="amber">Not running in this process</Badge>
            )}
          </p>
          <p className="mt-2 text-sm text-gray-700">
            pg-boss on the {o.engine.database === 'postgres' ? 'PostgreSQL server' : 'embedded database'}. With several Relm processes on one database, each job
            runs once in one of them.
          </p>
        </Panel>
        <Panel headingId="email-heading" title="E-mail">
          {o.email.enabled ? (
            <>
              <p className="text-sm">
                <Badge tone="green">On</Badge> <span className="text-gray-900">through {o.email.host}</span>
              </p>
              <p className="mt-2 text-sm text-gray-700">From {o.email.from}</p>
            </>
          ) : (
            <p className="text-sm text-gray-900">
              <Badge tone="gray">Off</Badge> Set <code className="font-mono text-xs">RELM_SMTP_URL</code> (and{' '}
              <code className="font-mono text-xs">RELM_MAIL_FROM</code>) to send e-mail; until then people are told in Relm only.
            </p>
          )}
          <p className="mt-2 text-sm text-gray-700">
            Links in messages:{' '}
            {o.email.publicUrl ?? (
              <>
                not set (<code className="font-mono text-xs">RELM_PUBLIC_URL</code>)
              </>
            )}
          </p>
        </Panel>
        <Panel headingId="deliveries-summary-heading" title="Messages">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            {(['pending', 'queued', 'sent', 'failed', 'skipped'] as const).map((s) => (
              <div key={s} className="contents">
                <dt className="text-gray-700 capitalize">{s}</dt>
                <dd className="text-gray-900 tabular-nums">{o.deliveries.byStatus[s] ?? 0}</dd>
              </div>
            ))}
          </dl>
          {failedDeliveries ? <p className="mt-2 text-sm text-red-800">{failedDeliveries} could not be delivered: see below.</p> : null}
        </Panel>
      </div>

      <h2 className="mt-6 mb-2 text-base font-semibold text-gray-900">Queues</h2>
      {o.queues.length ? (
        <Table caption="Job queues by state">
          <THead>
            <tr>
              <Th>Queue</Th>
              <Th>Waiting</Th>
              <Th>Retrying</Th>
              <Th>Running</Th>
              <Th>Done</Th>
              <Th>Failed</Th>
            </tr>
          </THead>
          <TBody>
            {o.queues.map((q) => (
              <Tr key={q.name}>
                <Td>
                  {QUEUE_NAMES[q.name] ?? q.name}
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
        <EmptyState title="No jobs yet">The engine creates its queues when it starts.</EmptyState>
      )}

      <h2 className="mt-6 mb-2 text-base font-semibold text-gray-900">Failed jobs</h2>
      {o.failedJobs.length ? (
        <Table caption="Failed jobs, newest first">
          <THead>
            <tr>
              <Th>When</Th>
              <Th>Queue</Th>
              <Th>Retries</Th>
              <Th>Error</Th>
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
        <p className="text-sm text-gray-700">No job has failed in the last 14 days.</p>
      )}

      <h2 className="mt-6 mb-2 text-base font-semibold text-gray-900">Recent messages</h2>
      {o.deliveries.recent.length ? (
        <Table caption="Recent messages, newest first">
          <THead>
            <tr>
              <Th>Queued</Th>
              <Th>Event</Th>
              <Th>Channel</Th>
              <Th>To</Th>
              <Th>Outcome</Th>
              <Th>Attempts</Th>
              <Th>Last error</Th>
            </tr>
          </THead>
          <TBody>
            {o.deliveries.recent.map((d) => (
              <Tr key={d.id}>
                <Td className="text-xs whitespace-nowrap">{when(d.createdAt, viewer)}</Td>
                <Td>
                  <code className="font-mono text-xs">{d.event}</code>
                </Td>
                <Td className="capitalize">{d.channel}</Td>
                <Td className="max-w-56 text-xs break-all">{d.recipient}</Td>
                <Td>
                  <Badge tone={STATUS_TONE[d.status as keyof typeof STATUS_TONE] ?? 'gray'}>{d.status}</Badge>
                  {d.sentAt ? <span className="block text-xs text-gray-700">{when(d.sentAt, viewer)}</span> : null}
                </Td>
                <Td className="tabular-nums">{d.attempts}</Td>
                <Td className="max-w-72 text-xs break-words text-gray-800">{d.lastError ? `${d.lastCode ? `${d.lastCode} · ` : ''}${d.lastError}` : '—'}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState title="No messages yet">Messages appear here when Relm tells somebody something by e-mail, chat or webhook.</EmptyState>
      )}
    </>
  );
}
