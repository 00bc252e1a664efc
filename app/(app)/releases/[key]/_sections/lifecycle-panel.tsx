import { Section } from '@/components/ui/section';
import { REASON_REQUIRED, STATUS_WORDS, type ReleaseStatus } from '@/lib/domain/lifecycle';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { getReleaseGatesOnce } from '@/lib/server/transitions';
import { requireUser } from '@/lib/server/session';
import { transitionReleaseAction } from '../lifecycle-actions';
import { GateList } from '@/components/releases/detail/gate-list';
import { LifecycleTransition } from './lifecycle-transition';

const DANGER: ReleaseStatus[] = ['cancelled', 'rejected', 'rolled_back'];

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
              const unmet = t.gates.filter((x) => !x.passed).length;
              return (
                <li key={t.to} className="rounded-md border border-gray-200 bg-white p-3">
                  <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="text-sm font-semibold text-gray-900">
                      {t.label} <span className="font-normal text-gray-700">→ {STATUS_WORDS[t.to]}</span>
                    </h3>
                    <p id={`gates-${t.to}`} className={t.allowed ? 'text-xs font-medium text-green-800' : 'text-xs font-medium text-red-800'}>
                      {t.allowed ? 'All gates met' : `${unmet} of ${t.gates.length} gate${t.gates.length === 1 ? '' : 's'} not met`}
                    </p>
                  </div>
                  <GateList gates={t.gates} idPrefix={`gate-${t.to}`} />
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
