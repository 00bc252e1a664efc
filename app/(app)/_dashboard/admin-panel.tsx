import Link from 'next/link';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('dashboard.admin.auditChain');
  const v = audit.lastVerification;
  if (!v) return <>{audit.headSeq === '0' ? t('noEvents') : t('neverVerified', { count: Number(audit.headSeq) })}</>;
  const at = () => <When iso={v.at} />;
  const values = { result: v.ok ? 'held' : 'broken', by: v.by, seq: formatCount(Number(v.verifiedSeq)), at };
  return (
    <>
      {v.checkpointAt ? t.rich('verifiedCheckpoint', { ...values, checkpoint: () => <When iso={v.checkpointAt} /> }) : t.rich('verified', values)}{' '}
      {t('since', { count: Number(audit.eventsSince) })}
      {v.problem ? <span className="mt-1 block font-medium text-red-800">{v.problem}</span> : null}
    </>
  );
}

export function AdminPanel({ a }: { a: AdminAttentionDto }) {
  const t = useTranslations('dashboard.admin');
  const items: ReactNode[] = [];
  if (a.failedDeliveries.count) {
    items.push(
      <Item
        key="deliveries"
        id="admin-failed-deliveries"
        title={t('failedDeliveries.title', { days: FAILURE_DAYS })}
        count={n(a.failedDeliveries)}
        fix={{ href: '/admin/jobs', label: t('failedDeliveries.fix') }}
      >
        <ul className="space-y-0.5">
          {a.failedDeliveries.items.map((d) => (
            <li key={d.id} className="break-words">
              {d.lastError
                ? t('failedDeliveries.deliveryError', { channel: d.channel, recipient: d.recipient, event: d.event, error: d.lastError })
                : t('failedDeliveries.delivery', { channel: d.channel, recipient: d.recipient, event: d.event })}
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
        title={t('stuckJobs.title', { minutes: STUCK_MINUTES })}
        count={n(a.jobs.stuck)}
        fix={{ href: '/admin/jobs', label: t('stuckJobs.fix') }}
      >
        {t('stuckJobs.detail')}
      </Item>,
    );
  }
  if (a.jobs?.failed.count) {
    items.push(
      <Item
        key="failed-jobs"
        id="admin-failed-jobs"
        title={t('failedJobs.title', { days: FAILURE_DAYS })}
        count={n(a.jobs.failed)}
        fix={{ href: '/admin/jobs', label: t('failedJobs.fix') }}
      />,
    );
  }
  if (a.expiringTokens.count) {
    items.push(
      <Item key="tokens" id="admin-expiring-tokens" title={t('expiringTokens.title', { days: TOKEN_EXPIRY_DAYS })} count={n(a.expiringTokens)}>
        <p>{t('expiringTokens.detail')}</p>
        <ul className="mt-1 space-y-0.5">
          {a.expiringTokens.items.map((token) => (
            <li key={token.id}>
              {t.rich('expiringTokens.token', {
                owner: token.user.name,
                name: token.name,
                prefix: token.prefix,
                user: (c) => (
                  <Link href={`/admin/users/${token.user.id}`} className="link">
                    {c}
                  </Link>
                ),
                mono: (c) => <span className="font-mono">{c}</span>,
                at: () => <When iso={token.expiresAt} />,
              })}
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
        title={t('usersWithoutTeam.title')}
        count={n(a.usersWithoutTeam)}
        fix={{ href: '/admin/users?status=active', label: t('usersWithoutTeam.fix') }}
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
        title={a.audit.lastVerification?.ok === false ? t('auditChain.needsLook') : t('auditChain.due')}
        count="!"
        fix={{ href: '/admin/audit#verification-heading', label: t('auditChain.fix') }}
      >
        <AuditLine audit={a.audit} />
      </Item>,
    );
  }

  return (
    <Section id="admin-attention" title={t('title')} count={items.length}>
      {items.length ? (
        <ul className="divide-y divide-gray-100">{items}</ul>
      ) : (
        <p className="text-sm text-gray-900">
          <span className="font-medium">{t('nothing')}</span> <span className="text-gray-700">{t('nothingDetail')}</span>
        </p>
      )}
      {!a.audit.due ? (
        <p className="mt-3 border-t border-gray-100 pt-2 text-xs text-gray-700">
          <AuditLine audit={a.audit} />{' '}
          <Link href="/admin/audit#verification-heading" className="link">
            {t('verifyNow')}
          </Link>
        </p>
      ) : null}
      <div className="mt-3 border-t border-gray-100 pt-2">
        <h3 className="text-sm font-medium text-gray-900">{t('policy.title', { days: POLICY_DAYS })}</h3>
        {a.policyChanges.length ? (
          <ul className="mt-1 space-y-0.5 text-xs text-gray-700">
            {a.policyChanges.map((p) => (
              <li key={p.version}>
                {t.rich(p.note ? 'policy.changeWithNote' : 'policy.change', {
                  version: p.version,
                  by: p.by ?? t('policy.someoneRemoved'),
                  note: p.note ?? '',
                  link: (c) => (
                    <Link href="/admin/policy" className="link">
                      {c}
                    </Link>
                  ),
                  at: () => <When iso={p.at} />,
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-xs text-gray-700">
            {t('policy.none')}{' '}
            <Link href="/admin/policy" className="link">
              {t('policy.link')}
            </Link>
          </p>
        )}
      </div>
    </Section>
  );
}
