import { readerLocale } from '@/app/_lib/reader-locale';
import { localizeGates } from '@/lib/server/say';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { addVerificationAction, recordDeploymentAction, updateDeploymentStatusAction } from '../deployment-actions';
import { DeploymentStatusButtons, RecordDeploymentForm, VerificationForm } from '@/components/deployments/deployment-forms';
import { Badge, type Tone } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { Digest, When } from '@/components/ui/text';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { listDeployments, type DeploymentDto } from '@/lib/server/deployments';
import { requireUser } from '@/lib/server/session';
import { GateList } from '@/components/releases/detail/gate-list';
import { Countdown } from '@/components/ui/countdown';
import { deploymentStance, isAlarming, lastSuccessByEnvironment, opensAhead, type GateStance } from '@/lib/domain/gate-view';
import { getSchedule } from '@/lib/server/scheduling';
import { now as clockNow } from '@/lib/server/clock';
import { useStatusWords } from '@/components/i18n/status-words';

// The release's deployments: per target environment the deployment gate now and
// a "Record deployment" form, then every deployment with its status, who or what
// ran it, timing, builds and verification results.

const DEPLOYMENT_TONES: Record<string, Tone> = { scheduled: 'violet', in_progress: 'amber', succeeded: 'green', failed: 'red', rolled_back: 'rose' };
const VERIFICATION_TONES: Record<string, Tone> = { passed: 'green', failed: 'red', skipped: 'gray' };

/** How long a deployment took, as a key of release-page.deployments.duration and its arguments. */
function duration(seconds: number | null) {
  if (seconds === null) return null;
  if (seconds < 60) return { key: 'seconds', hours: 0, minutes: 0, seconds } as const;
  const m = Math.floor(seconds / 60);
  if (m < 60) return { key: 'minutes', hours: 0, minutes: m, seconds: seconds % 60 } as const;
  return { key: 'hours', hours: Math.floor(m / 60), minutes: m % 60, seconds: 0 } as const;
}

function DeploymentItem({ d, releaseKey, timezone, canRecord }: { d: DeploymentDto; releaseKey: string; timezone: string; canRecord: boolean }) {
  const t = useTranslations('release-page.deployments');
  const word = useStatusWords();
  const length = duration(d.durationSeconds);
  const took = length ? t(`duration.${length.key}`, { hours: length.hours, minutes: length.minutes, seconds: length.seconds }) : null;
  const sr = (c: ReactNode) => <span className="sr-only">{c}</span>;
  return (
    <li className="rounded-md border border-gray-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="text-sm font-semibold text-gray-900">
          {d.kind === 'backout' ? t('item.backoutIn', { environment: d.environment }) : t('item.deploymentTo', { environment: d.environment })}
        </h4>
        <Badge tone={DEPLOYMENT_TONES[d.status] ?? 'gray'}>{word('deployment', d.status)}</Badge>
        <span className="text-xs text-gray-700">{d.viaToken ? t('item.byApi', { name: d.executedBy }) : t('item.by', { name: d.executedBy })}</span>
        {d.externalRef ? (
          /^https?:\/\//i.test(d.externalRef) ? (
            <a href={d.externalRef} className="link text-xs" rel="noreferrer noopener" target="_blank">
              {t.rich('item.pipelineRun', { sr })}
            </a>
          ) : (
            <span className="text-xs text-gray-800">{t('item.ref', { ref: d.externalRef })}</span>
          )
        ) : null}
      </div>
      <p className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-gray-800">
        <span>{t.rich('item.recorded', { when: () => <When iso={d.createdAt} zone={timezone} /> })}</span>
        <span>{t.rich('item.started', { when: () => <When iso={d.startedAt} zone={timezone} empty={t('item.notYet')} /> })}</span>
        <span>{t.rich('item.finished', { when: () => <When iso={d.finishedAt} zone={timezone} empty={t('item.notYet')} /> })}</span>
        {took ? <span>{t('item.took', { duration: took })}</span> : null}
        {d.packageDigest ? (
          <span>
            {d.sealRevision
              ? t.rich('item.packageSealed', { digest: () => <Digest value={d.packageDigest} />, seal: d.sealRevision })
              : t.rich('item.package', { digest: () => <Digest value={d.packageDigest} /> })}
          </span>
        ) : null}
      </p>
      {d.items.length ? (
        <p className="mt-1 text-xs text-gray-800">
          {t.rich('item.builds', {
            label: (c) => <span className="font-medium">{c}</span>,
            builds: d.items.map((i) => `${i.component} ${i.version}`).join(', '),
          })}
        </p>
      ) : null}
      {d.notes ? <p className="mt-1 text-xs whitespace-pre-line text-gray-800">{d.notes}</p> : null}
      <h5 className="mt-2 text-xs font-semibold text-gray-800">{t('item.verification')}</h5>
      {d.verifications.length ? (
        <ul className="mt-1 space-y-1">
          {d.verifications.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center gap-2 text-xs">
              <Badge tone={VERIFICATION_TONES[v.status] ?? 'gray'}>{word('verification', v.status)}</Badge>
              <span className="font-medium text-gray-900">{v.name}</span>
              {v.details ? <span className="text-gray-800">{v.details}</span> : null}
              {v.evidenceUrl ? (
                <a href={v.evidenceUrl} className="link" rel="noreferrer noopener" target="_blank">
                  {t.rich('item.evidence', { name: v.name, sr })}
                </a>
              ) : null}
              <span className="text-gray-700">
                {v.recordedBy ? `${v.recordedBy}, ` : ''}
                <When iso={v.recordedAt} zone={timezone} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-xs text-gray-700 italic">{t('item.noVerification')}</p>
      )}
      {canRecord && d.kind === 'deploy' ? (
        <>
          <DeploymentStatusButtons action={updateDeploymentStatusAction} releaseKey={releaseKey} id={d.id} status={d.status} environment={d.environment} />
          {d.status !== 'scheduled' ? <VerificationForm action={addVerificationAction} releaseKey={releaseKey} deploymentId={d.id} /> : null}
        </>
      ) : null}
    </li>
  );
}

// the badge's words: release-page.deployments.stance.<stance>
const STANCE_TONES: Record<GateStance, Tone> = { ready: 'green', deployed: 'green', blocked: 'red', waiting: 'gray', later: 'gray', observed: 'gray' };

export async function DeploymentsPanel({ release, timezone }: { release: ReleaseRef; timezone: string }) {
  const gateLocale = await readerLocale();
  const actor = await requireUser();
  const t = await getTranslations('release-page.deployments');
  const data = await listDeployments(actor, release);
  if (!data) return null;
  const schedule = data.environments.length ? await getSchedule(actor, release) : null;
  const now = clockNow();
  const deployedAt = lastSuccessByEnvironment(data.deployments, data.environments[0]?.packageDigest ?? null);
  return (
    <Section id="deployments" title={t('title')} count={data.deployments.length}>
      <h3 className="text-sm font-semibold text-gray-900">{t('mayDeploy')}</h3>
      {data.environments.length ? (
        <ul className="mt-2 grid gap-3 md:grid-cols-2">
          {data.environments.map((g) => {
            const at = deployedAt.get(g.environment) ?? null;
            const opens = opensAhead(schedule?.windows.find((w) => w.environment === g.environment)?.start, now);
            const stance = deploymentStance({ allowed: g.allowed, gates: g.gates, deployedAt: at, canRecord: data.canRecord, windowOpensAt: opens });
            const gateIds = `deploy-gate-${g.environment}`;
            const gates = <GateList gates={localizeGates(g.gates, gateLocale)!} idPrefix={gateIds} alarm={isAlarming(stance)} />;
            return (
              <li key={g.environment} className="rounded-md border border-gray-200 p-3">
                <div className="mb-2 flex flex-wrap items-center gap-2">
                  <h4 className="text-sm font-semibold text-gray-900">{g.environment}</h4>
                  <Badge tone={STANCE_TONES[stance]}>{t(`stance.${stance}`)}</Badge>
                </div>
                {stance === 'deployed' && at ? (
                  <p className="mb-1 text-sm text-gray-900">
                    {t.rich('deployedOn', { environment: g.environment, when: () => <When iso={at} zone={timezone} /> })}
                  </p>
                ) : null}
                {stance === 'waiting' && opens ? (
                  <p className="mb-1 text-sm text-gray-900">
                    {t.rich('windowOpens', {
                      environment: g.environment,
                      when: () => <When iso={opens.toISOString()} zone={timezone} />,
                      countdown: () => <Countdown target={opens.toISOString()} serverNow={now.toISOString()} />,
                    })}
                  </p>
                ) : null}
                {stance === 'later' ? (
                  <p className="mb-1 text-sm text-gray-800">
                    {g.gates.find((x) => x.rule === 'deploy.status' && !x.passed)?.why ??
                      g.gates.find((x) => x.rule === 'deploy.promotion' && !x.passed)?.why ??
                      t('notNextStep')}
                  </p>
                ) : null}
                {stance === 'deployed' || stance === 'later' ? (
                  <details className="text-sm">
                    <summary className="min-h-6 w-fit cursor-pointer py-1 text-xs text-gray-700">
                      {stance === 'later' ? t('checksLater', { count: g.gates.length }) : t('checks', { count: g.gates.length })}
                    </summary>
                    <div className="mt-1">{gates}</div>
                  </details>
                ) : (
                  gates
                )}
                {data.canRecord && g.gates.find((x) => x.rule === 'deploy.status')?.passed ? (
                  g.gates.find((x) => x.rule === 'deploy.in_flight')?.passed === false ? (
                    <p className="mt-2 text-sm text-gray-800">
                      {t.rich('openDeployment', {
                        environment: g.environment,
                        link: (c) => (
                          <a href="#deployment-list" className="link">
                            {c}
                          </a>
                        ),
                      })}
                    </p>
                  ) : (
                    <RecordDeploymentForm action={recordDeploymentAction} releaseKey={data.key} environment={g.environment} allowed={g.allowed} />
                  )
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <Nothing>{t('noEnvironment')}</Nothing>
      )}
      <h3 id="deployment-list" className="mt-4 text-sm font-semibold text-gray-900">
        {t('listTitle')}
      </h3>
      {data.deployments.length ? (
        <ol className="mt-2 space-y-3">
          {data.deployments.map((d) => (
            <DeploymentItem key={d.id} d={d} releaseKey={data.key} timezone={timezone} canRecord={data.canRecord} />
          ))}
        </ol>
      ) : (
        <Nothing>{t('none')}</Nothing>
      )}
    </Section>
  );
}
