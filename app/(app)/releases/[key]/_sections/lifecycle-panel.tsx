import { Section } from '@/components/ui/section';
import { REASON_REQUIRED, STATUS_WORDS, type ReleaseStatus } from '@/lib/domain/lifecycle';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { getReleaseGatesOnce } from '@/lib/server/transitions';
import { requireUser } from '@/lib/server/session';
import { transitionReleaseAction } from '../lifecycle-actions';
import { GateList } from '@/components/releases/detail/gate-list';
import { LifecycleTransition } from './lifecycle-transition';
import { Countdown } from '@/components/ui/countdown';
import { When } from '@/components/ui/text';
import { isAlarming, opensAhead, transitionStance, type GateStance } from '@/lib/domain/gate-view';
import { getSchedule } from '@/lib/server/scheduling';
import { now as clockNow } from '@/lib/server/clock';

const DANGER: ReleaseStatus[] = ['cancelled', 'rejected', 'rolled_back'];

// red only for a step this person can take and must unblock (decision 051)
const SUMMARY_COLOURS: Record<GateStance, string> = {
  ready: 'text-green-800',
  deployed: 'text-green-800',
  blocked: 'text-red-800',
  waiting: 'text-gray-700',
  later: 'text-gray-700',
  observed: 'text-gray-700',
};
function summary(t: { to: ReleaseStatus; allowed: boolean; gates: { passed: boolean }[] }, stance: GateStance): string {
  if (t.allowed) return 'All gates met';
  if (stance === 'waiting')
    return t.to === 'deploying' ? 'Waiting for the window' : t.to === 'rejected' ? 'Only if an approver rejects it' : 'Waiting for approvers';
  const unmet = t.gates.filter((x) => !x.passed).length;
  return `${unmet} of ${t.gates.length} gate${t.gates.length === 1 ? '' : 's'} not met`;
}

/**
 * What can happen to the release next: every transition the lifecycle offers
 * from its status, each with its gate checklist, shown before anyone clicks.
 */
export async function LifecyclePanel({ release }: { release: ReleaseRef }) {
  const actor = await requireUser();
  const g = await getReleaseGatesOnce(actor, release);
  if (!g) return null;
  // a release manager who does not manage this release (decision 039): the gates name who does
  const notManaging = g.transitions.some((t) => t.gates.some((x) => x.rule === 'actor.manages' && !x.passed));
  // scheduled → deploying waits for the first environment's window (the one its gate checks)
  const now = clockNow();
  const schedule = g.transitions.some((t) => t.to === 'deploying' && !t.allowed) ? await getSchedule(actor, release) : null;
  const first = schedule?.windows[0];
  const opens = opensAhead(first?.start, now);

  return (
    <Section id="lifecycle" title="Next steps" className="mb-5">
      {g.transitions.length === 0 ? (
        <p className="text-sm text-gray-800">
          {g.key} is {STATUS_WORDS[g.status]}: its lifecycle is finished and it cannot move any further.
        </p>
      ) : (
        <>
          {!g.canTransition ? (
            <p className="mb-3 text-sm text-gray-800">
              {notManaging
                ? `You can see what each step needs, but only the people who manage ${g.key} can move it through its lifecycle.`
                : `You can see what each step needs, but only a release manager can move ${g.key} through its lifecycle.`}
            </p>
          ) : null}
          <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            {g.transitions.map((t) => {
              const stance = transitionStance(t, g.canTransition, t.to === 'deploying' ? opens : null);
              return (
                <li key={t.to} className="rounded-md border border-gray-200 bg-white p-3">
                  <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="text-sm font-semibold text-gray-900">
                      {t.label} <span className="font-normal text-gray-700">→ {STATUS_WORDS[t.to]}</span>
                    </h3>
                    <p id={`gates-${t.to}`} className={`text-xs font-medium ${SUMMARY_COLOURS[stance]}`}>
                      {summary(t, stance)}
                    </p>
                  </div>
                  {stance === 'waiting' && t.to === 'deploying' && opens && first ? (
                    <p className="mb-2 text-sm text-gray-900">
                      {first.displayName}&apos;s window opens <When iso={opens.toISOString()} zone={schedule!.timezone} />,{' '}
                      <Countdown
                        target={opens.toISOString()}
                        serverNow={now.toISOString()}
                        opened="The window is open now: reload the page to start the deployment."
                      />
                      .
                    </p>
                  ) : null}
                  <GateList gates={t.gates} idPrefix={`gate-${t.to}`} alarm={isAlarming(stance)} />
                  {g.canTransition ? (
                    <div className="mt-3">
                      <LifecycleTransition
                        action={transitionReleaseAction}
                        releaseKey={g.key}
                        version={g.version}
                        to={t.to}
                        label={t.label}
                        allowed={t.allowed}
                        needsReason={REASON_REQUIRED.includes(t.to)}
                        danger={DANGER.includes(t.to)}
                      />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Section>
  );
}
