import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatCount } from '@/components/format';
import { Badge } from '@/components/ui/badge';
import { Section } from '@/components/ui/section';
import { When } from '@/components/ui/text';
import type { AdminAttentionDto, Capped } from '@/lib/server/admin-attention';
import { FAILURE_DAYS, POLICY_DAYS, STUCK_MINUTES, TOKEN_EXPIRY_DAYS } from '@/lib/server/admin-attention';

// The admin's first panel (docs/decisions/055-dashboards-per-role.md): only what asks an admin
// to act, each with the page where it is fixed; one calm line when nothing does.

const n = (c: Capped) => `${formatCount(c.count)}${c.capped ? '+' : ''}`;

function Item({ id, title, count, fix, children }: { id: string; title: string; count: string; fix?: { href: string; label: string }; children?: ReactNode }) {
  return (
    <li id={id} className="py-2.5 first:pt-0 last:pb-0">
      <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-gray-900">
        <Badge tone="amber">{count}</Badge>
        <span>{title}</span>
      </p>
      {children ? <div className="mt-1 text-xs text-gray-700">{children}</div> : null}
      {fix ? (
        <p className="mt-1 text-sm">
          <Link href={fix.href} className="link">
            {fix.label}
          </Link>
        </p>
      ) : null}
    </li>
  );
}

function AuditLine({ audit }: { audit: AdminAttentionDto['audit'] }) {
  const v = audit.lastVerification;
  if (!v) {
    return audit.headSeq === '0' ? (
      <>The audit trail has no events yet.</>
    ) : (
      <>The audit chain has never been verified ({formatCount(Number(audit.headSeq))} events).</>
    );
  }
  return (
    <>
      {v.ok ? 'The audit chain held' : 'The audit chain was broken'} at its last verification, <When iso={v.at} />, by {v.by}, up to event{' '}
      {formatCount(Number(v.verifiedSeq))}
      {v.checkpointAt ? (
        <>
          {' '}
          (signed checkpoint of <When iso={v.checkpointAt} />)
        </>
      ) : null}
      . {audit.eventsSince === '0' ? 'No events since.' : `${formatCount(Number(audit.eventsSince))} events since.`}
      {v.problem ? <span className="mt-1 block font-medium text-red-800">{v.problem}</span> : null}
    </>
  );
}

export function AdminPanel({ a }: { a: AdminAttentionDto }) {
  const items: ReactNode[] = [];
  if (a.failedDeliveries.count) {
    items.push(
      <Item
        key="deliveries"
        id="admin-failed-deliveries"
        title={`Failed deliveries in the last ${FAILURE_DAYS} days (e-mail, chat, webhooks)`}
        count={n(a.failedDeliveries)}
        fix={{ href: '/admin/jobs', label: 'See why on Jobs and messages' }}
      >
        <ul className="space-y-0.5">
          {a.failedDeliveries.items.map((d) => (
            <li key={d.id} className="break-words">
              {d.channel} to {d.recipient} ({d.event}){d.lastError ? `: ${d.lastError}` : ''}
            </li>
          ))}
        </ul>
      </Item>,
    );
  }
  if (a.jobs?.stuck.count) {
    items.push(
      <Item
        key="stuck"
        id="admin-stuck-jobs"
        title={`Jobs stuck or overdue by more than ${STUCK_MINUTES} minutes`}
        count={n(a.jobs.stuck)}
        fix={{ href: '/admin/jobs', label: 'Check the job engine' }}
      >
        Background work (timed checks, messages) is not being picked up: is the job engine running in some Relm process?
      </Item>,
    );
  }
  if (a.jobs?.failed.count) {
    items.push(
      <Item
        key="failed-jobs"
        id="admin-failed-jobs"
        title={`Jobs failed in the last ${FAILURE_DAYS} days`}
        count={n(a.jobs.failed)}
        fix={{ href: '/admin/jobs', label: 'See the failures' }}
      />,
    );
  }
  if (a.expiringTokens.count) {
    items.push(
      <Item key="tokens" id="admin-expiring-tokens" title={`API tokens expiring in the next ${TOKEN_EXPIRY_DAYS} days`} count={n(a.expiringTokens)}>
        <p>Their owners create a new one on their Profile; open an owner’s account for their e-mail.</p>
        <ul className="mt-1 space-y-0.5">
          {a.expiringTokens.items.map((t) => (
            <li key={t.id}>
              <Link href={`/admin/users/${t.user.id}`} className="link">
                {t.user.name}
              </Link>
              : {t.name} <span className="font-mono">{t.prefix}…</span>, expires <When iso={t.expiresAt} />
            </li>
          ))}
        </ul>
      </Item>,
    );
  }
  if (a.usersWithoutTeam.count) {
    items.push(
      <Item
        key="no-team"
        id="admin-users-without-team"
        title="Active people without a team"
        count={n(a.usersWithoutTeam)}
        fix={{ href: '/admin/users?status=active', label: 'Give them a team on Users' }}
      >
        <ul className="flex flex-wrap gap-x-3 gap-y-0.5">
          {a.usersWithoutTeam.items.map((u) => (
            <li key={u.id}>
              <Link href={`/admin/users/${u.id}`} className="link">
                {u.name}
              </Link>
            </li>
          ))}
        </ul>
      </Item>,
    );
  }
  if (a.audit.due) {
    items.push(
      <Item
        key="audit"
        id="admin-audit-chain"
        title={a.audit.lastVerification?.ok === false ? 'The audit chain needs a look' : 'The audit chain is due a verification'}
        count="!"
        fix={{ href: '/admin/audit#verification-heading', label: 'Verify the audit chain' }}
      >
        <AuditLine audit={a.audit} />
      </Item>,
    );
  }

  return (
    <Section id="admin-attention" title="Needs an admin" count={items.length}>
      {items.length ? (
        <ul className="divide-y divide-gray-100">{items}</ul>
      ) : (
        <p className="text-sm text-gray-900">
          <span className="font-medium">Nothing needs you.</span>{' '}
          <span className="text-gray-700">No failed deliveries or stuck jobs, no tokens about to expire, everyone has a team.</span>
        </p>
      )}
      {!a.audit.due ? (
        <p className="mt-3 border-t border-gray-100 pt-2 text-xs text-gray-700">
          <AuditLine audit={a.audit} />{' '}
          <Link href="/admin/audit#verification-heading" className="link">
            Verify now
          </Link>
        </p>
      ) : null}
      <div className="mt-3 border-t border-gray-100 pt-2">
        <h3 className="text-sm font-medium text-gray-900">Policy changes in the last {POLICY_DAYS} days</h3>
        {a.policyChanges.length ? (
          <ul className="mt-1 space-y-0.5 text-xs text-gray-700">
            {a.policyChanges.map((p) => (
              <li key={p.version}>
                <Link href="/admin/policy" className="link">
                  Version {p.version}
                </Link>{' '}
                by {p.by ?? 'someone since removed'}, <When iso={p.at} />
                {p.note ? `: ${p.note}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-xs text-gray-700">
            None.{' '}
            <Link href="/admin/policy" className="link">
              The policy
            </Link>
          </p>
        )}
      </div>
    </Section>
  );
}
