import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
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
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { redeliverAction } from '../../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-integrations.log');
  return { title: t('title') };
}

const TONE = { sent: 'green', failed: 'red', queued: 'blue', pending: 'gray', skipped: 'gray' } as const;

export default async function DeliveryLogPage({ params }: { params: Promise<{ kind: string; id: string }> }) {
  const viewer = await currentViewer();
  const { kind, id } = await params;
  if (kind !== 'webhook' && kind !== 'chat') notFound();
  const actor = await requireUser();
  const [t, locale] = await Promise.all([getTranslations('admin-integrations.log'), getLocale().then(languageOf)]);
  const loaded = await guard(async () => {
    const target = kind === 'webhook' ? (await listWebhooks(actor)).find((w) => w.id === id) : (await listChatChannels(actor)).find((c) => c.id === id);
    if (!target) return null;
    const log = await deliveryLog(actor, kind === 'webhook' ? { webhookEndpointId: id } : { chatChannelId: id }, 100);
    const name = 'description' in target ? target.description || target.url : target.name;
    return { target, log, name, disabled: target.status === 'disabled' };
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  if (!loaded.value) notFound();
  const { log, name, disabled } = loaded.value;

  return (
    <>
      <BackLink href={`/admin/integrations#${kind}-${id}`}>{t('back')}</BackLink>
      <PageHeader title={t('heading', { name })} description={t(kind === 'webhook' ? 'webhookDescription' : 'chatDescription', { count: log.length })} />
      {disabled ? <p className="mb-3 rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-950">{t('disabled')}</p> : null}
      {log.length ? (
        <Table caption={t('caption', { name })}>
          <THead>
            <tr>
              <Th>{t('columns.queued')}</Th>
              <Th>{t('columns.event')}</Th>
              <Th>{t('columns.release')}</Th>
              <Th>{t('columns.status')}</Th>
              <Th className="text-right">{t('columns.attempts')}</Th>
              <Th className="text-right">{t('columns.response')}</Th>
              <Th>{t('columns.lastAttempt')}</Th>
              <Th>{t('columns.error')}</Th>
              <Th>
                <span className="sr-only">{t('columns.actions')}</span>
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
                  <Badge tone={TONE[d.status as keyof typeof TONE] ?? 'gray'}>{t('status', { status: d.status })}</Badge>
                </Td>
                <Td className="text-right tabular-nums">{d.attempts}</Td>
                <Td className="text-right tabular-nums">{d.lastCode ?? '—'}</Td>
                <Td className="whitespace-nowrap">{formatWhen(d.sentAt ?? d.updatedAt, viewer, { weekday: false })}</Td>
                <Td className="max-w-xs text-xs break-words text-gray-800">{d.lastError === null ? '' : localize(d.lastError, locale)}</Td>
                <Td>
                  {d.status === 'failed' || d.status === 'skipped' || d.status === 'sent' ? (
                    <InlineAction
                      action={redeliverAction}
                      fields={{ id: d.id }}
                      label={t('redeliver')}
                      what={`${d.event} ${d.releaseKey ?? ''}`}
                      pendingText={t('queuing')}
                    />
                  ) : null}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState title={t('empty.title')}>{t('empty.body')}</EmptyState>
      )}
    </>
  );
}
