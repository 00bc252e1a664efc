import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ActionButton } from '@/components/release-forms/action-button';
import { JoinTrainForm, LateJoinForm } from '@/components/trains/join-forms';
import { Badge } from '@/components/ui/badge';
import { Section } from '@/components/ui/section';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { requireUser } from '@/lib/server/session';
import { getReleaseTrainPanel } from '@/lib/server/trains';
import { joinTrainAction, leaveTrainAction, requestLateJoinAction } from '../train-actions';
import { readerLocale } from '@/app/_lib/reader-locale';
import { localize } from '@/lib/server/say';

/**
 * The release train the release rides (docs/decisions/046-release-trains.md): its departure
 * with the cut-off countdown, or, for the people who manage it, the departures it could join.
 */
export async function TrainSection({ r }: { r: ReleaseRef }) {
  const t = await getTranslations('release-parts.train');
  const locale = await readerLocale();
  const actor = await requireUser();
  const panel = await getReleaseTrainPanel(actor, r);
  if (!panel) return null;
  const { seat } = panel;
  const departures = panel.choices.flatMap((c) =>
    c.departures.map((d) => ({ trainId: c.trainId, trainName: c.trainName, ...d, value: `${c.trainId}|${d.departureAt}` })),
  );
  const open = departures.filter((d) => d.open || d.lateJoin === 'granted');
  const closed = departures.filter((d) => !d.open && d.lateJoin === null);
  const pending = panel.lateJoins.filter((l) => l.status === 'requested' || l.status === 'granted');
  if (!seat && !panel.canManage && !pending.length) {
    return (
      <Section id="train" title={t('title')}>
        <p className="text-sm text-gray-700">{t('none')}</p>
      </Section>
    );
  }
  return (
    <Section id="train" title={t('title')}>
      {seat ? (
        <div className="space-y-2 text-sm">
          <p className="text-gray-900">
            {t.rich('seat', {
              train: seat.trainName,
              departure: seat.departureText,
              link: (c) => (
                <Link href={`/trains/${seat.slug}`} className="font-medium text-blue-800 underline">
                  {c}
                </Link>
              ),
              num: (c) => <span className="tabular-nums">{c}</span>,
            })}
            {seat.late ? (
              <>
                {' '}
                <Badge tone="amber">{t('joinedLate')}</Badge>
              </>
            ) : null}
          </p>
          <p className="text-gray-700">
            {t.rich('cutoff', {
              cutoff: seat.cutoffText,
              countdown: localize(seat.countdown, locale),
              num: (c) => <span className="tabular-nums">{c}</span>,
              count: (c) => <span data-testid="train-countdown">{c}</span>,
            })}
          </p>
          {panel.canManage && !seat.departed ? (
            <ActionButton
              action={leaveTrainAction}
              fields={{ releaseKey: panel.releaseKey }}
              label={t('leave')}
              pendingText={t('leaving')}
              confirm={t('leaveConfirm', { releaseKey: panel.releaseKey, train: seat.trainName })}
            />
          ) : null}
        </div>
      ) : (
        <div className="space-y-3 text-sm">
          <p className="text-gray-700">{t('none')}</p>
          {panel.canManage && panel.open ? (
            departures.length ? (
              <>
                {open.length ? (
                  <JoinTrainForm
                    action={joinTrainAction}
                    releaseKey={panel.releaseKey}
                    choices={open.map((d) => ({
                      value: d.value,
                      label:
                        d.lateJoin === 'granted'
                          ? t('choiceGranted', { train: d.trainName, departure: d.departureText })
                          : t('choice', { train: d.trainName, departure: d.departureText, cutoff: d.cutoffText }),
                    }))}
                  />
                ) : null}
                {closed.length ? (
                  <details className="rounded-md border border-gray-200 p-2">
                    <summary className="cursor-pointer text-sm font-medium text-gray-900">{t('lateJoin')}</summary>
                    <div className="mt-2">
                      <LateJoinForm
                        action={requestLateJoinAction}
                        releaseKey={panel.releaseKey}
                        choices={closed.map((d) => ({
                          value: d.value,
                          label: t('lateChoice', { train: d.trainName, departure: d.departureText, cutoff: d.cutoffText }),
                        }))}
                      />
                    </div>
                  </details>
                ) : null}
              </>
            ) : (
              <p className="text-gray-700">
                {t.rich('noDepartures', {
                  link: (c) => (
                    <Link href="/trains" className="text-blue-800 underline">
                      {c}
                    </Link>
                  ),
                })}
              </p>
            )
          ) : null}
        </div>
      )}
      {pending.length ? (
        <ul className="mt-3 space-y-1 text-xs text-gray-700" aria-label={t('lateJoins')}>
          {pending.map((l) => (
            <li key={l.id}>
              {l.status === 'granted'
                ? l.decidedBy
                  ? t('lateGrantedBy', { train: l.trainName, departure: l.departureText, by: l.decidedBy })
                  : t('lateGranted', { train: l.trainName, departure: l.departureText })
                : t('lateRequested', { train: l.trainName, departure: l.departureText, by: l.requestedBy })}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
