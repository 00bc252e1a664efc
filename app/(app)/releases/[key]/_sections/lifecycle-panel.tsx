import { readerLocale } from '@/app/_lib/reader-locale';
import { localizeGates } from '@/lib/server/say';
import { getTranslations } from 'next-intl/server';
import { Section } from '@/components/ui/section';
import { REASON_REQUIRED, type ReleaseStatus } from '@/lib/domain/lifecycle';
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
import { ClientMessages } from '@/components/i18n/client-messages';
import { getStatusWords } from '@/components/i18n/status-words';

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
/** The summary's message key and arguments in release-page.lifecycle.summary. */
function summary(t: { to: ReleaseStatus; allowed: boolean; gates: { passed: boolean }[] }, stance: GateStance) {
  if (t.allowed) return { key: 'allMet', unmet: 0, total: t.gates.length } as const;
  if (stance === 'waiting') {
    const key = t.to === 'deploying' ? 'waitingWindow' : t.to === 'rejected' ? 'onlyIfRejected' : 'waitingApprovers';
    return { key, unmet: 0, total: t.gates.length } as const;
  }
  return { key: 'notMet', unmet: t.gates.filter((x) => !x.passed).length, total: t.gates.length } as const;
}

/**
 * What can happen to the release next: every transition the lifecycle offers
 * from its status, each with its gate checklist, shown before anyone clicks.
 */
export async function LifecyclePanel({ release }: { release: ReleaseRef }) {
  const gateLocale = await readerLocale();
  const actor = await requireUser();
  const t = await getTranslations('release-page.lifecycle');
  const ts = await getTranslations('statuses');
  const word = await getStatusWords();
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
    <ClientMessages namespaces={['gates', 'statuses']}>
      <Section id="lifecycle" title={t('title')} className="mb-5">
        {g.transitions.length === 0 ? (
          <p className="text-sm text-gray-800">{t('finished', { key: g.key, status: word('releaseWord', g.status) })}</p>
        ) : (
          <>
            {!g.canTransition ? (
              <p className="mb-3 text-sm text-gray-800">{notManaging ? t('readOnly.notManaging', { key: g.key }) : t('readOnly.notManager', { key: g.key })}</p>
            ) : null}
            <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2">
              {g.transitions.map((tr) => {
                const stance = transitionStance(tr, g.canTransition, tr.to === 'deploying' ? opens : null);
                const sum = summary(tr, stance);
                const gateIds = `gate-${tr.to}`;
                const label = ts(`transition.${tr.to}.label`);
                return (
                  <li key={tr.to} className="rounded-md border border-gray-200 bg-white p-3">
                    <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                      <h3 className="text-sm font-semibold text-gray-900">
                        {label} <span className="font-normal text-gray-700">→ {word('releaseWord', tr.to)}</span>
                      </h3>
                      <p id={`gates-${tr.to}`} className={`text-xs font-medium ${SUMMARY_COLOURS[stance]}`}>
                        {t(`summary.${sum.key}`, { unmet: sum.unmet, total: sum.total })}
                      </p>
                    </div>
                    {stance === 'waiting' && tr.to === 'deploying' && opens && first ? (
                      <p className="mb-2 text-sm text-gray-900">
                        {t.rich('windowOpens', {
                          environment: first.displayName,
                          when: () => <When iso={opens.toISOString()} zone={schedule!.timezone} />,
                          countdown: () => <Countdown target={opens.toISOString()} serverNow={now.toISOString()} opened={t('windowOpenNow')} />,
                        })}
                      </p>
                    ) : null}
                    <GateList gates={localizeGates(tr.gates, gateLocale)!} idPrefix={gateIds} alarm={isAlarming(stance)} />
                    {g.canTransition ? (
                      <div className="mt-3">
                        <LifecycleTransition
                          action={transitionReleaseAction}
                          releaseKey={g.key}
                          version={g.version}
                          to={tr.to}
                          label={label}
                          allowed={tr.allowed}
                          needsReason={REASON_REQUIRED.includes(tr.to)}
                          danger={DANGER.includes(tr.to)}
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
    </ClientMessages>
  );
}
