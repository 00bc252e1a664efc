import Link from 'next/link';
import { ActionButton } from '@/components/release-forms/action-button';
import { JoinTrainForm, LateJoinForm } from '@/components/trains/join-forms';
import { Badge } from '@/components/ui/badge';
import { Section } from '@/components/ui/section';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { requireUser } from '@/lib/server/session';
import { getReleaseTrainPanel } from '@/lib/server/trains';
import { joinTrainAction, leaveTrainAction, requestLateJoinAction } from '../train-actions';

/**
 * The release train the release rides (docs/decisions/046-release-trains.md): its departure
 * with the cut-off countdown, or, for the people who manage it, the departures it could join.
 */
export async function TrainSection({ r }: { r: ReleaseRef }) {
  const actor = await requireUser();
  const panel = await getReleaseTrainPanel(actor, r);
  if (!panel) return null;
  const { seat } = panel;
  const departures = panel.choices.flatMap((t) =>
    t.departures.map((d) => ({ trainId: t.trainId, trainName: t.trainName, ...d, value: `${t.trainId}|${d.departureAt}` })),
  );
  const open = departures.filter((d) => d.open || d.lateJoin === 'granted');
  const closed = departures.filter((d) => !d.open && d.lateJoin === null);
  const pending = panel.lateJoins.filter((l) => l.status === 'requested' || l.status === 'granted');
  if (!seat && !panel.canManage && !pending.length) {
    return (
      <Section id="train" title="Release train">
        <p className="text-sm text-gray-700">On no train.</p>
      </Section>
    );
  }
  return (
    <Section id="train" title="Release train">
      {seat ? (
        <div className="space-y-2 text-sm">
          <p className="text-gray-900">
            On the{' '}
            <Link href={`/trains/${seat.slug}`} className="font-medium text-blue-800 underline">
              {seat.trainName}
            </Link>{' '}
            departure of <span className="tabular-nums">{seat.departureText}</span>
            {seat.late ? (
              <>
                {' '}
                <Badge tone="amber">joined late</Badge>
              </>
            ) : null}
          </p>
          <p className="text-gray-700">
            Cut-off <span className="tabular-nums">{seat.cutoffText}</span>: <span data-testid="train-countdown">{seat.countdown}</span>
          </p>
          {panel.canManage && !seat.departed ? (
            <ActionButton
              action={leaveTrainAction}
              fields={{ releaseKey: panel.releaseKey }}
              label="Leave train"
              pendingText="Leaving…"
              confirm={`Take ${panel.releaseKey} off the ${seat.trainName} departure?`}
            />
          ) : null}
        </div>
      ) : (
        <div className="space-y-3 text-sm">
          <p className="text-gray-700">On no train.</p>
          {panel.canManage && panel.open ? (
            departures.length ? (
              <>
                {open.length ? (
                  <JoinTrainForm
                    action={joinTrainAction}
                    releaseKey={panel.releaseKey}
                    choices={open.map((d) => ({
                      value: d.value,
                      label: `${d.trainName} — ${d.departureText}${d.lateJoin === 'granted' ? ' (late join granted)' : ` (cut-off ${d.cutoffText})`}`,
                    }))}
                  />
                ) : null}
                {closed.length ? (
                  <details className="rounded-md border border-gray-200 p-2">
                    <summary className="cursor-pointer text-sm font-medium text-gray-900">Join after a cut-off…</summary>
                    <div className="mt-2">
                      <LateJoinForm
                        action={requestLateJoinAction}
                        releaseKey={panel.releaseKey}
                        choices={closed.map((d) => ({ value: d.value, label: `${d.trainName} — ${d.departureText} (cut-off was ${d.cutoffText})` }))}
                      />
                    </div>
                  </details>
                ) : null}
              </>
            ) : (
              <p className="text-gray-700">
                No active train has an upcoming departure.{' '}
                <Link href="/trains" className="text-blue-800 underline">
                  See the trains
                </Link>
                .
              </p>
            )
          ) : null}
        </div>
      )}
      {pending.length ? (
        <ul className="mt-3 space-y-1 text-xs text-gray-700" aria-label="Late-join exceptions">
          {pending.map((l) => (
            <li key={l.id}>
              Late join of the {l.trainName} departure of {l.departureText}:{' '}
              {l.status === 'granted' ? `granted by ${l.decidedBy ?? 'someone'}` : `asked by ${l.requestedBy}, waiting for a second person`}.
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
