import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { InlineAction } from '@/components/admin/integrations/inline-action';
import { formatWhen } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { deliveryLog, listChatChannels, listWebhooks } from '@/lib/server/integrations';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { redeliverAction } from '../../actions';

export const metadata: Metadata = { title: 'Delivery log' };

const TONE = { sent: 'green', failed: 'red', queued: 'blue', pending: 'gray', skipped: 'gray' } as const;

export default async function DeliveryLogPage({ params }: { params: Promise<{ kind: string; id: string }> }) {
  const viewer = await currentViewer();
  const { kind, id } = await params;
  if (kind !== 'webhook' && kind !== 'chat') notFound();
  const actor = await requireUser();
  const loaded = await guard(async () => {
    const target = kind === 'webhook' ? (await listWebhooks(actor)).find((w) => w.id === id) : (await listChatChannels(actor)).find((c) => c.id === id);
    if (!target) return null;
    const log = await deliveryLog(actor, kind === 'webhook' ? { webhookEndpointId: id } : { chatChannelId: id }, 100);
    const name = 'description' in target ? target.description || target.url : target.name;
    return { target, log, name, disabled: target.status === 'disabled' };
  });
  if (!loaded.ok) return <AccessDenied title="Delivery log" reason={loaded.message} />;
  if (!loaded.value) notFound();
  const { log, name, disabled } = loaded.value;

  return (
    <>
      <BackLink href={`/admin/integrations#${kind}-${id}`}>Integrations</BackLink>
      <PageHeader
        title={`Delivery log: ${name}`}
        description={`The newest ${log.length} deliveries: each attempt's outcome, the receiver's response code and the error. Redeliver sends one again${kind === 'webhook' ? ' with the same webhook-id' : ''}.`}
      />
      {disabled ? (
        <p className="mb-3 rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-950">
          This destination is disabled: enable it on the Integrations page before redelivering.
        </p>
      ) : null}
      {log.length ? (
        <Table caption={`Deliveries to ${name}`}>
          <THead>
            <tr>
              <Th>Queued</Th>
              <Th>Event</Th>
              <Th>Release</Th>
              <Th>Status</Th>
              <Th className="text-right">Attempts</Th>
              <Th className="text-right">Response</Th>
              <Th>Last attempt</Th>
              <Th>Error</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {log.map((d) => (
              <Tr key={d.id}>
                <Td className="whitespace-nowrap">{formatWhen(d.createdAt, viewer, { weekday: false })}</Td>
                <Td>
                  <code className="font-mono text-xs">{d.event}</code>
                  {d.messageId ? <span className="block font-mono text-[11px] text-gray-700">{d.messageId}</span> : null}
                </Td>
                <Td className="whitespace-nowrap">
                  {d.releaseKey ? (
                    <a className="link" href={`/releases/${d.releaseKey}`}>
                      {d.releaseKey}
                    </a>
                  ) : (
                    '—'
                  )}
                </Td>
                <Td>
                  <Badge tone={TONE[d.status as keyof typeof TONE] ?? 'gray'}>{d.status}</Badge>
                </Td>
                <Td className="text-right tabular-nums">{d.attempts}</Td>
                <Td className="text-right tabular-nums">{d.lastCode ?? '—'}</Td>
                <Td className="whitespace-nowrap">{formatWhen(d.sentAt ?? d.updatedAt, viewer, { weekday: false })}</Td>
                <Td className="max-w-xs text-xs break-words text-gray-800">{d.lastError ?? ''}</Td>
                <Td>
                  {d.status === 'failed' || d.status === 'skipped' || d.status === 'sent' ? (
                    <InlineAction
                      action={redeliverAction}
                      fields={{ id: d.id }}
                      label="Redeliver"
                      what={`${d.event} ${d.releaseKey ?? ''}`}
                      pendingText="Queuing…"
                    />
                  ) : null}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState title="Nothing sent yet">Deliveries appear here as soon as an event this destination receives happens.</EmptyState>
      )}
    </>
  );
}
