import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { humanize } from '@/components/format';
import { useStatusWords } from '@/components/i18n/status-words';
import { AccessDenied } from '@/components/route/access-denied';
import { LateJoinDecision } from '@/components/trains/join-forms';
import { Badge, type Tone } from '@/components/ui/badge';
import { BackLink } from '@/components/ui/back-link';
import { ButtonLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { releaseHref } from '@/lib/domain/release-parts';
import type { Locale } from '@/lib/domain/locale';
import type { DepartureStatus } from '@/lib/domain/trains';
import { requireUser } from '@/lib/server/session';
import { getTrainPage, type DepartureDto } from '@/lib/server/trains';
import { guard } from '@/app/_lib/guard';
import { grantLateJoinAction, refuseLateJoinAction } from '../actions';
import { readerLocale } from '@/app/_lib/reader-locale';
import { localize } from '@/lib/server/say';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('trains.detail');
  return { title: t('title') };
}

const TONES: Record<DepartureStatus, Tone> = { boarding: 'green', cut_off: 'amber', departed: 'blue', shipped: 'teal' };

function Departure({ d, id, viewerId }: { d: DepartureDto; id: string; viewerId: string | null }) {
  const t = useTranslations('trains.departure');
  const ts = useTranslations('statuses');
  const word = useStatusWords();
  const locale = useLocale() as Locale;
  return (
    <Section
      id={id}
      title={
        <>
          <span className="tabular-nums">{d.departureText}</span> <Badge tone={TONES[d.status]}>{ts(`departure.${d.status}`)}</Badge>
        </>
      }
      count={d.releases.length}
      level={3}
    >
      <p className="mb-2 text-sm text-gray-800">
        {t.rich('cutoff', { when: d.cutoffText, time: (chunks) => <span className="tabular-nums">{chunks}</span> })} ·{' '}
        <span data-testid="departure-countdown">{localize(d.countdown, locale)}</span>
      </p>
      {d.releases.length ? (
        <>
          <Table caption={t('caption', { when: d.departureText })}>
            <THead>
              <tr>
                <Th>{t('release')}</Th>
                <Th>{t('status')}</Th>
                <Th>{t('readiness')}</Th>
              </tr>
            </THead>
            <TBody>
              {d.releases.map((r) => (
                <Tr key={r.key}>
                  <Td>
                    <Link href={releaseHref(r.key)} className="font-medium text-blue-800 underline">
                      {r.key}
                    </Link>{' '}
                    <span className="text-gray-800">{r.title}</span>
                    <span className="block text-xs text-gray-700">
                      {r.owner}
                      {r.late ? ` · ${t('joinedLate')}` : ''}
                    </span>
                  </Td>
                  <Td>{word('release', r.status)}</Td>
                  <Td>
                    {r.shipped ? (
                      <Badge tone="teal">{t('shipped')}</Badge>
                    ) : r.ready === null ? (
                      '—'
                    ) : r.ready ? (
                      <Badge tone="green">{t('ready')}</Badge>
                    ) : (
                      <>
                        <Badge tone="amber">{t('notReady', { count: r.blockers.length })}</Badge>
                        <ul className="mt-1 space-y-0.5 text-xs text-gray-800">
                          {r.blockers.slice(0, 3).map((b, i) => (
                            <li key={i}>
                              {b.environment}: {b.why}
                              {b.fix ? ` ${b.fix}` : ''}
                            </li>
                          ))}
                        </ul>
                      </>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <p className="mt-2 text-xs text-gray-700" data-testid="departure-metrics">
            {localize(d.metrics.text, locale)}
          </p>
        </>
      ) : (
        <p className="text-sm text-gray-700">{t('empty')}</p>
      )}
      {d.lateJoins.length ? (
        <div className="mt-3 space-y-2">
          <h4 className="text-sm font-semibold text-gray-900">{t('lateJoins')}</h4>
          <ul className="space-y-3">
            {d.lateJoins.map((l) => (
              <li key={l.id} className={l.status === 'requested' ? 'rounded-md border border-amber-300 bg-amber-50 p-2 text-sm' : 'text-sm'}>
                <p className="text-gray-900">
                  {t.rich('lateJoin', {
                    key: l.releaseKey,
                    title: l.releaseTitle,
                    name: l.requestedBy.name,
                    reason: l.reason,
                    link: (chunks) => (
                      <Link href={releaseHref(l.releaseKey)} className="font-medium text-blue-800 underline">
                        {chunks}
                      </Link>
                    ),
                  })}
                </p>
                {l.status === 'requested' ? (
                  <div className="mt-1.5">
                    <p className="mb-1 text-xs text-gray-800">{t('waiting')}</p>
                    <LateJoinDecision
                      id={l.id}
                      grantAction={grantLateJoinAction}
                      refuseAction={refuseLateJoinAction}
                      canGrant={l.canGrant}
                      own={viewerId === l.requestedBy.id}
                      context={l.releaseKey}
                    />
                  </div>
                ) : (
                  <p className="text-xs text-gray-800" data-testid="late-join-outcome">
                    {l.decidedBy
                      ? t('outcomeBy', { status: l.status, label: humanize(l.status), by: l.decidedBy })
                      : t('outcome', { status: l.status, label: humanize(l.status) })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Section>
  );
}

export default async function TrainPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireUser();
  const { slug } = await params;
  const loaded = await guard(() => getTrainPage(actor, slug));
  const t = await getTranslations('trains');
  if (!loaded.ok) return <AccessDenied title={t('detail.title')} reason={loaded.message} />;
  const train = loaded.value;
  if (!train) notFound();
  const locale = await readerLocale();
  const environments = train.environments.map((e) => e.displayName).join(', ');
  return (
    <>
      <BackLink href="/trains">{t('allTrains')}</BackLink>
      <PageHeader
        title={train.name}
        description={t('detail.description', {
          cadence: localize(train.cadence, locale),
          cutoff: localize(train.cutoff, locale),
          environments,
          none: environments ? 'no' : 'yes',
        })}
        meta={train.active ? null : <Badge tone="stone">{t('retired')}</Badge>}
        actions={
          train.canEdit ? (
            <ButtonLink href={`/trains/${train.slug}/edit`}>
              {t.rich('detail.edit', { name: train.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
            </ButtonLink>
          ) : null
        }
      />
      {train.description ? <p className="mb-4 text-sm whitespace-pre-line text-gray-900">{train.description}</p> : null}
      <div className="space-y-6">
        <h2 className="text-lg font-semibold text-gray-900">{t('detail.upcoming')}</h2>
        {train.upcoming.length ? (
          train.upcoming.map((d, i) => <Departure key={d.departureAt} d={d} id={`upcoming-${i}`} viewerId={actor.id} />)
        ) : (
          <p className="text-sm text-gray-700">{t('detail.noUpcoming', { retired: train.active ? 'no' : 'yes' })}</p>
        )}
        {train.past.length ? (
          <>
            <h2 className="text-lg font-semibold text-gray-900">{t('detail.recent')}</h2>
            {train.past.map((d, i) => (
              <Departure key={d.departureAt} d={d} id={`past-${i}`} viewerId={actor.id} />
            ))}
          </>
        ) : null}
      </div>
    </>
  );
}
