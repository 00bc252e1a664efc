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
        Rejected{rejection?.actor ? ` by ${rejection.actor}` : ''}
        {rejection ? (
          <span className="font-normal">
            {' '}
            on <When iso={rejection.at} zone={zone} />
          </span>
        ) : null}
      </h2>
      {rejection?.reason.trim() ? (
        <p className="mt-1 break-words whitespace-pre-line">
          <span className="font-medium">Reason: </span>
          {rejection.reason}
        </p>
      ) : decisions.length ? null : (
        <p className="mt-1">No reason was recorded with the rejection.</p>
      )}
      {decisions.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {decisions.map((a) => (
            <li key={a.id} className="break-words whitespace-pre-line">
              <span className="font-medium">{a.approver}: </span>
              {a.comment}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-2 text-xs">Rework the release (it goes back to draft), address these points, and submit it again for approval.</p>
    </section>
  );
}
