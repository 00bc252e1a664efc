import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { ChatChannelForm } from '@/components/admin/integrations/chat-form';
import { InlineAction } from '@/components/admin/integrations/inline-action';
import { WebhookForm } from '@/components/admin/integrations/webhook-form';
import { formatWhen, plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { Badge } from '@/components/ui/badge';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Section } from '@/components/ui/section';
import { CHAT_DEFAULT_EVENTS, EVENT_LABELS, type EventType } from '@/lib/domain/events';
import { env } from '@/lib/server/env';
import { eventChoices, listChatChannels, listWebhooks, type ChatChannelDto, type WebhookDto } from '@/lib/server/integrations';
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

export const metadata: Metadata = { title: 'Integrations' };

async function Counts({ d }: { d: WebhookDto['deliveries'] }) {
  const viewer = await currentViewer();
  return (
    <p className="text-xs text-gray-700">
      {plural(d.sent, 'delivery', 'deliveries')} sent · {d.failed} failed · {d.waiting} waiting
      {d.lastAt ? ` · last ${formatWhen(d.lastAt, viewer, { weekday: false })} (${d.lastStatus})` : ''}
    </p>
  );
}

function Events({ events }: { events: EventType[] }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Events">
      {events.map((e) => (
        <li key={e}>
          <Badge title={e}>{EVENT_LABELS[e].label}</Badge>
        </li>
      ))}
    </ul>
  );
}

function Status({ active, reason }: { active: boolean; reason: string | null }) {
  return active ? (
    <Badge tone="green">Active</Badge>
  ) : (
    <Badge tone={reason?.startsWith('Paused') ? 'gray' : 'red'}>{reason?.startsWith('Paused') ? 'Paused' : 'Disabled'}</Badge>
  );
}

function WebhookCard({ w }: { w: WebhookDto }) {
  const name = w.description || w.url;
  return (
    <li id={`webhook-${w.id}`} className="scroll-mt-4 space-y-2 rounded-md border border-gray-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold break-all text-gray-900">{name}</h3>
        <Status active={w.status === 'active'} reason={w.disabledReason} />
      </div>
      <p className="font-mono text-xs break-all text-gray-800">{w.url}</p>
      {w.status === 'disabled' && w.disabledReason ? (
        <p className="rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800">{w.disabledReason}</p>
      ) : null}
      <Events events={w.events} />
      <Counts d={w.deliveries} />
      <div className="flex flex-wrap items-start gap-2">
        <a className="link text-sm" href={`/admin/integrations/webhook/${w.id}`}>
          Delivery log<span className="sr-only"> of {name}</span>
        </a>
        <InlineAction
          action={setWebhookEnabledAction}
          fields={{ id: w.id, enabled: w.status === 'active' ? 'false' : 'true' }}
          label={w.status === 'active' ? 'Pause' : 'Enable'}
          what={name}
          pendingText={w.status === 'active' ? 'Pausing…' : 'Enabling…'}
        />
        <ConfirmAction
          action={deleteWebhookAction}
          id={w.id}
          size="sm"
          dense
          trigger="Delete"
          triggerAriaLabel={`Delete the endpoint ${name}`}
          question={`Delete ${name}? Nothing more is sent to it and its delivery log is removed.`}
          confirmLabel="Yes, delete"
          pendingText="Deleting…"
        />
      </div>
    </li>
  );
}

function ChannelCard({ c }: { c: ChatChannelDto }) {
  return (
    <li id={`chat-${c.id}`} className="scroll-mt-4 space-y-2 rounded-md border border-gray-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-gray-900">{c.name}</h3>
        <Badge tone={c.kind === 'slack' ? 'violet' : 'indigo'}>{c.kind === 'slack' ? 'Slack' : 'Teams'}</Badge>
        <Badge>{c.team ? `Team ${c.team.name}` : 'Whole organisation'}</Badge>
        <Status active={c.status === 'active'} reason={c.disabledReason} />
      </div>
      <p className="font-mono text-xs break-all text-gray-800">{c.url}</p>
      {c.status === 'disabled' && c.disabledReason ? (
        <p className="rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800">{c.disabledReason}</p>
      ) : null}
      <Events events={c.events} />
      <Counts d={c.deliveries} />
      <div className="flex flex-wrap items-start gap-2">
        <a className="link text-sm" href={`/admin/integrations/chat/${c.id}`}>
          Delivery log<span className="sr-only"> of {c.name}</span>
        </a>
        <InlineAction
          action={setChatChannelEnabledAction}
          fields={{ id: c.id, enabled: c.status === 'active' ? 'false' : 'true' }}
          label={c.status === 'active' ? 'Pause' : 'Enable'}
          what={c.name}
          pendingText={c.status === 'active' ? 'Pausing…' : 'Enabling…'}
        />
        <ConfirmAction
          action={deleteChatChannelAction}
          id={c.id}
          size="sm"
          dense
          trigger="Remove"
          triggerAriaLabel={`Remove the channel ${c.name}`}
          question={`Remove ${c.name}? Relm stops posting there.`}
          confirmLabel="Yes, remove"
          pendingText="Removing…"
        />
      </div>
    </li>
  );
}

export default async function IntegrationsPage() {
  const actor = await requireUser();
  const loaded = await guard(async () => ({
    webhooks: await listWebhooks(actor),
    channels: await listChatChannels(actor),
    teams: await listTeamsToManage(actor),
  }));
  if (!loaded.ok) return <AccessDenied title="Integrations" reason={loaded.message} />;
  const { webhooks, channels, teams } = loaded.value;
  const choices = eventChoices();
  const e = env();

  return (
    <>
      <PageHeader
        title="Integrations"
        description="Where Relm tells machines and team chats what happens to releases. Each event is queued with the change that causes it and sent by the job engine, retried, and recorded."
      />
      <div className="mb-4 space-y-1 text-xs text-gray-800">
        {!e.RELM_PUBLIC_URL ? (
          <p className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-950">
            RELM_PUBLIC_URL is not set: links in webhooks and chat messages are paths without this Relm&apos;s address.
          </p>
        ) : null}
        <p>
          {e.RELM_WEBHOOKS_ALLOW_PRIVATE
            ? 'Destinations inside your network (loopback, private and link-local addresses) are allowed (RELM_WEBHOOKS_ALLOW_PRIVATE=true).'
            : 'Destinations inside your network (loopback, private and link-local addresses) are refused; an operator allows them with RELM_WEBHOOKS_ALLOW_PRIVATE=true.'}{' '}
          The full delivery queue is on{' '}
          <a className="link" href="/admin/jobs">
            Jobs and messages
          </a>
          .
        </p>
      </div>
      <div className="space-y-8">
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_26rem]">
          <Section id="webhooks" title="Webhook endpoints" count={webhooks.length} className="min-w-0" bare>
            <p className="mb-2 text-xs text-gray-700">
              Signed by the Standard Webhooks specification; retried with backoff for about a day, then disabled and admins told. Also managed through{' '}
              <code className="font-mono">/api/v1/webhooks</code>.
            </p>
            {webhooks.length ? (
              <ul className="space-y-3">
                {webhooks.map((w) => (
                  <WebhookCard key={w.id} w={w} />
                ))}
              </ul>
            ) : (
              <EmptyState title="No webhook endpoints">Register one to let a pipeline, a status page or a CMDB hear of releases as they move.</EmptyState>
            )}
          </Section>
          <Panel headingId="create-webhook-heading" title="Register an endpoint" selfStart>
            <WebhookForm action={createWebhookAction} choices={choices} />
          </Panel>
        </div>
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_26rem]">
          <Section id="chat" title="Slack and Microsoft Teams" count={channels.length} className="min-w-0" bare>
            {channels.length ? (
              <ul className="space-y-3">
                {channels.map((c) => (
                  <ChannelCard key={c.id} c={c} />
                ))}
              </ul>
            ) : (
              <EmptyState title="No chat channels">
                Connect a channel of the whole organisation or of one team: approvals requested and decided, schedules, deployments, back-outs, handovers and
                freeze overrides are posted there.
              </EmptyState>
            )}
          </Section>
          <Panel headingId="create-chat-heading" title="Connect a channel" selfStart>
            <ChatChannelForm
              action={createChatChannelAction}
              choices={choices}
              defaults={[...CHAT_DEFAULT_EVENTS]}
              teams={teams.map((t) => ({ id: t.id, name: t.name }))}
            />
          </Panel>
        </div>
      </div>
    </>
  );
}
