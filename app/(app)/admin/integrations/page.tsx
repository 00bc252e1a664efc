import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { ChatChannelForm } from '@/components/admin/integrations/chat-form';
import { InlineAction } from '@/components/admin/integrations/inline-action';
import { WebhookForm } from '@/components/admin/integrations/webhook-form';
import { formatWhen } from '@/components/format';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { Badge } from '@/components/ui/badge';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Section } from '@/components/ui/section';
import { CHAT_DEFAULT_EVENTS, type EventType } from '@/lib/domain/events';
import { env } from '@/lib/server/env';
import { eventChoices, listChatChannels, listWebhooks, type ChatChannelDto, type WebhookDto } from '@/lib/server/integrations';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { listTeamsToManage } from '@/lib/server/teams';
import { guard } from '@/app/_lib/guard';
import {
  createChatChannelAction,
  createWebhookAction,
  deleteChatChannelAction,
  deleteWebhookAction,
  setChatChannelEnabledAction,
  setWebhookEnabledAction,
} from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-integrations');
  return { title: t('title') };
}

const srOnly = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

async function Counts({ d }: { d: WebhookDto['deliveries'] }) {
  const [viewer, t] = await Promise.all([currentViewer(), getTranslations('admin-integrations')]);
  const counts = { sent: d.sent, failed: d.failed, waiting: d.waiting };
  return (
    <p className="text-xs text-gray-700">
      {d.lastAt
        ? t('countsLast', { ...counts, when: formatWhen(d.lastAt, viewer, { weekday: false }), status: t('log.status', { status: String(d.lastStatus) }) })
        : t('counts', counts)}
    </p>
  );
}

async function Events({ events }: { events: EventType[] }) {
  const t = await getTranslations('admin-integrations');
  return (
    <ul className="flex flex-wrap gap-1" aria-label={t('events')}>
      {events.map((e) => (
        <li key={e}>
          <Badge title={e}>{t(`eventTypes.${e}.label`)}</Badge>
        </li>
      ))}
    </ul>
  );
}

async function Status({ active, reason }: { active: boolean; reason: string | null }) {
  const t = await getTranslations('admin-integrations.status');
  return active ? (
    <Badge tone="green">{t('active')}</Badge>
  ) : (
    <Badge tone={reason?.startsWith('Paused') ? 'gray' : 'red'}>{reason?.startsWith('Paused') ? t('paused') : t('disabled')}</Badge>
  );
}

async function WebhookCard({ w }: { w: WebhookDto }) {
  const [t, locale] = await Promise.all([getTranslations('admin-integrations'), getLocale().then(languageOf)]);
  const name = w.description || w.url;
  return (
    <li id={`webhook-${w.id}`} className="scroll-mt-4 space-y-2 rounded-md border border-gray-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold break-all text-gray-900">{name}</h3>
        <Status active={w.status === 'active'} reason={w.disabledReason} />
      </div>
      <p className="font-mono text-xs break-all text-gray-800">{w.url}</p>
      {w.status === 'disabled' && w.disabledReason ? (
        <p className="rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800">{localize(w.disabledReason, locale)}</p>
      ) : null}
      <Events events={w.events} />
      <Counts d={w.deliveries} />
      <div className="flex flex-wrap items-start gap-2">
        <a className="link text-sm" href={`/admin/integrations/webhook/${w.id}`}>
          {t.rich('deliveryLogLink', { name, sr: srOnly })}
        </a>
        <InlineAction
          action={setWebhookEnabledAction}
          fields={{ id: w.id, enabled: w.status === 'active' ? 'false' : 'true' }}
          label={w.status === 'active' ? t('pause') : t('enable')}
          what={name}
          pendingText={w.status === 'active' ? t('pausing') : t('enabling')}
        />
        <ConfirmAction
          action={deleteWebhookAction}
          id={w.id}
          size="sm"
          dense
          trigger={t('webhooks.delete.trigger')}
          triggerAriaLabel={t('webhooks.delete.label', { name })}
          question={t('webhooks.delete.question', { name })}
          confirmLabel={t('webhooks.delete.confirm')}
          pendingText={t('webhooks.delete.pending')}
        />
      </div>
    </li>
  );
}

async function ChannelCard({ c }: { c: ChatChannelDto }) {
  const [t, locale] = await Promise.all([getTranslations('admin-integrations'), getLocale().then(languageOf)]);
  return (
    <li id={`chat-${c.id}`} className="scroll-mt-4 space-y-2 rounded-md border border-gray-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-gray-900">{c.name}</h3>
        <Badge tone={c.kind === 'slack' ? 'violet' : 'indigo'}>{c.kind === 'slack' ? t('chat.kinds.slack') : t('chat.kinds.teams')}</Badge>
        <Badge>{c.team ? t('chat.team', { name: c.team.name }) : t('chat.organisation')}</Badge>
        <Status active={c.status === 'active'} reason={c.disabledReason} />
      </div>
      <p className="font-mono text-xs break-all text-gray-800">{c.url}</p>
      {c.status === 'disabled' && c.disabledReason ? (
        <p className="rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800">{localize(c.disabledReason, locale)}</p>
      ) : null}
      <Events events={c.events} />
      <Counts d={c.deliveries} />
      <div className="flex flex-wrap items-start gap-2">
        <a className="link text-sm" href={`/admin/integrations/chat/${c.id}`}>
          {t.rich('deliveryLogLink', { name: c.name, sr: srOnly })}
        </a>
        <InlineAction
          action={setChatChannelEnabledAction}
          fields={{ id: c.id, enabled: c.status === 'active' ? 'false' : 'true' }}
          label={c.status === 'active' ? t('pause') : t('enable')}
          what={c.name}
          pendingText={c.status === 'active' ? t('pausing') : t('enabling')}
        />
        <ConfirmAction
          action={deleteChatChannelAction}
          id={c.id}
          size="sm"
          dense
          trigger={t('chat.remove.trigger')}
          triggerAriaLabel={t('chat.remove.label', { name: c.name })}
          question={t('chat.remove.question', { name: c.name })}
          confirmLabel={t('chat.remove.confirm')}
          pendingText={t('chat.remove.pending')}
        />
      </div>
    </li>
  );
}

export default async function IntegrationsPage() {
  const actor = await requireUser();
  const t = await getTranslations('admin-integrations');
  const loaded = await guard(async () => ({
    webhooks: await listWebhooks(actor),
    channels: await listChatChannels(actor),
    teams: await listTeamsToManage(actor),
  }));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const { webhooks, channels, teams } = loaded.value;
  const choices = eventChoices();
  const e = env();

  return (
    <ClientMessages namespaces={['admin-integrations']}>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="mb-4 space-y-1 text-xs text-gray-800">
        {!e.RELM_PUBLIC_URL ? <p className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-950">{t('publicUrlMissing')}</p> : null}
        <p>
          {e.RELM_WEBHOOKS_ALLOW_PRIVATE ? t('privateAllowed') : t('privateRefused')}{' '}
          {t.rich('queueLink', {
            link: (chunks) => (
              <a className="link" href="/admin/jobs">
                {chunks}
              </a>
            ),
          })}
        </p>
      </div>
      <div className="space-y-8">
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_26rem]">
          <Section id="webhooks" title={t('webhooks.heading')} count={webhooks.length} className="min-w-0" bare>
            <p className="mb-2 text-xs text-gray-700">{t.rich('webhooks.intro', { code: (chunks) => <code className="font-mono">{chunks}</code> })}</p>
            {webhooks.length ? (
              <ul className="space-y-3">
                {webhooks.map((w) => (
                  <WebhookCard key={w.id} w={w} />
                ))}
              </ul>
            ) : (
              <EmptyState title={t('webhooks.empty.title')}>{t('webhooks.empty.body')}</EmptyState>
            )}
          </Section>
          <Panel headingId="create-webhook-heading" title={t('webhooks.createHeading')} selfStart>
            <WebhookForm action={createWebhookAction} choices={choices} />
          </Panel>
        </div>
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_26rem]">
          <Section id="chat" title={t('chat.heading')} count={channels.length} className="min-w-0" bare>
            {channels.length ? (
              <ul className="space-y-3">
                {channels.map((c) => (
                  <ChannelCard key={c.id} c={c} />
                ))}
              </ul>
            ) : (
              <EmptyState title={t('chat.empty.title')}>{t('chat.empty.body')}</EmptyState>
            )}
          </Section>
          <Panel headingId="create-chat-heading" title={t('chat.createHeading')} selfStart>
            <ChatChannelForm
              action={createChatChannelAction}
              choices={choices}
              defaults={[...CHAT_DEFAULT_EVENTS]}
              teams={teams.map((t) => ({ id: t.id, name: t.name }))}
            />
          </Panel>
        </div>
      </div>
    </ClientMessages>
  );
}
