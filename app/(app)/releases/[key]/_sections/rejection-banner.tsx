import { useTranslations } from 'next-intl';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import { safeZone } from '@/components/format';
import { When } from '@/components/ui/text';

/**
 * At the top of a rejected release: who rejected it, when, and why, so the owner
 * sees what to change before reworking it. The reason is the one recorded with the
 * last transition to "rejected"; rejecting decisions made since the last
 * submission are listed with their comments too.
 */
export function RejectionBanner({ r }: { r: Pick<ReleaseDetailDto, 'status' | 'timezone' | 'transitions' | 'approvals'> }) {
  const t = useTranslations('release-parts.rejection');
  if (r.status !== 'rejected') return null;
  const zone = safeZone(r.timezone);
  const rejection = [...r.transitions].reverse().find((t) => t.to === 'rejected');
  const submitted = [...r.transitions].reverse().find((t) => t.to === 'submitted');
  const since = submitted?.at ?? null;
  const decisions = r.approvals.filter(
    (a) => a.decision === 'reject' && (!since || a.createdAt >= since) && a.comment.trim() && a.comment.trim() !== rejection?.reason.trim(),
  );
  return (
    <section
      aria-labelledby="rejection-heading"
      data-testid="rejection-banner"
      className="mb-5 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
    >
      <h2 id="rejection-heading" className="font-semibold">
        {rejection
          ? t.rich(rejection.actor ? 'headingByOn' : 'headingOn', {
              actor: rejection.actor ?? '',
              when: () => <When iso={rejection.at} zone={zone} />,
              on: (c) => <span className="font-normal">{c}</span>,
            })
          : t('heading')}
      </h2>
      {rejection?.reason.trim() ? (
        <p className="mt-1 break-words whitespace-pre-line">
          {t.rich('reason', { reason: rejection.reason, label: (c) => <span className="font-medium">{c}</span> })}
        </p>
      ) : decisions.length ? null : (
        <p className="mt-1">{t('noReason')}</p>
      )}
      {decisions.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {decisions.map((a) => (
            <li key={a.id} className="break-words whitespace-pre-line">
              {t.rich('decision', { approver: a.approver, comment: a.comment, label: (c) => <span className="font-medium">{c}</span> })}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-2 text-xs">{t('rework')}</p>
    </section>
  );
}
