import { addVerificationAction, recordDeploymentAction, updateDeploymentStatusAction } from '../deployment-actions';
import { DeploymentStatusButtons, RecordDeploymentForm, VerificationForm } from '@/components/deployments/deployment-forms';
import { Badge, type Tone } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { Digest, When } from '@/components/ui/text';
import { humanize } from '@/components/format';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { listDeployments, type DeploymentDto } from '@/lib/server/deployments';
import { requireUser } from '@/lib/server/session';
import { GateList } from '@/components/releases/detail/gate-list';
import { Countdown } from '@/components/ui/countdown';
import { deploymentStance, isAlarming, lastSuccessByEnvironment, opensAhead, type GateStance } from '@/lib/domain/gate-view';
import { getSchedule } from '@/lib/server/scheduling';
import { now as clockNow } from '@/lib/server/clock';

// The release's deployments: per target environment the deployment gate now and
// a "Record deployment" form, then every deployment with its status, who or what
// ran it, timing, builds and verification results.

const DEPLOYMENT_TONES: Record<string, Tone> = { scheduled: 'violet', in_progress: 'amber', succeeded: 'green', failed: 'red', rolled_back: 'rose' };
const VERIFICATION_TONES: Record<string, Tone> = { passed: 'green', failed: 'red', skipped: 'gray' };

function duration(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${seconds % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

function DeploymentItem({ d, releaseKey, timezone, canRecord }: { d: DeploymentDto; releaseKey: string; timezone: string; canRecord: boolean }) {
  const took = duration(d.durationSeconds);
  return (
    <li className="rounded-md border border-gray-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="text-sm font-semibold text-gray-900">
          {d.kind === 'backout' ? 'Back-out in ' : 'Deployment to '}
          {d.environment}
        </h4>
        <Badge tone={DEPLOYMENT_TONES[d.status] ?? 'gray'}>{humanize(d.status)}</Badge>
        <span className="text-xs text-gray-700">
          by {d.executedBy}
          {d.viaToken ? ' (API)' : ''}
        </span>
        {d.externalRef ? (
          /^https?:\/\//i.test(d.externalRef) ? (
            <a href={d.externalRef} className="link text-xs" rel="noreferrer noopener" target="_blank">
              Pipeline run<span className="sr-only"> (opens in a new tab)</span>
            </a>
          ) : (
            <span className="text-xs text-gray-800">Ref {d.externalRef}</span>
          )
        ) : null}
      </div>
      <p className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-gray-800">
        <span>
          Recorded <When iso={d.createdAt} zone={timezone} />
        </span>
        <span>
          Started <When iso={d.startedAt} zone={timezone} empty="not yet" />
        </span>
        <span>
          Finished <When iso={d.finishedAt} zone={timezone} empty="not yet" />
        </span>
        {took ? <span>Took {took}</span> : null}
        {d.packageDigest ? (
          <span>
            Package <Digest value={d.packageDigest} />
            {d.sealRevision ? ` (seal ${d.sealRevision})` : ''}
          </span>
        ) : null}
      </p>
      {d.items.length ? (
        <p className="mt-1 text-xs text-gray-800">
          <span className="font-medium">Builds:</span> {d.items.map((i) => `${i.component} ${i.version}`).join(', ')}
        </p>
      ) : null}
      {d.notes ? <p className="mt-1 text-xs whitespace-pre-line text-gray-800">{d.notes}</p> : null}
      <h5 className="mt-2 text-xs font-semibold text-gray-800">Verification</h5>
      {d.verifications.length ? (
        <ul className="mt-1 space-y-1">
          {d.verifications.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center gap-2 text-xs">
              <Badge tone={VERIFICATION_TONES[v.status] ?? 'gray'}>{humanize(v.status)}</Badge>
              <span className="font-medium text-gray-900">{v.name}</span>
              {v.details ? <span className="text-gray-800">{v.details}</span> : null}
              {v.evidenceUrl ? (
                <a href={v.evidenceUrl} className="link" rel="noreferrer noopener" target="_blank">
                  Evidence<span className="sr-only"> for {v.name} (opens in a new tab)</span>
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
        <p className="mt-1 text-xs text-gray-700 italic">No verification results recorded.</p>
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

const STANCE_BADGES: Record<GateStance, { tone: Tone; text: string }> = {
  ready: { tone: 'green', text: 'Gate met' },
  deployed: { tone: 'green', text: 'Deployed' },
  blocked: { tone: 'red', text: 'Gate not met' },
  waiting: { tone: 'gray', text: 'Waiting for its window' },
  later: { tone: 'gray', text: 'Later' },
  observed: { tone: 'gray', text: 'Not met yet' },
};

export async function DeploymentsPanel({ release, timezone }: { release: ReleaseRef; timezone: string }) {
  const actor = await requireUser();
  const data = await listDeployments(actor, release);
  if (!data) return null;
  const schedule = data.environments.length ? await getSchedule(actor, release) : null;
  const now = clockNow();
  const deployedAt = lastSuccessByEnvironment(data.deployments, data.environments[0]?.packageDigest ?? null);
  return (
    <Section id="deployments" title="Deployments" count={data.deployments.length}>
      <h3 className="text-sm font-semibold text-gray-900">May it be deployed now?</h3>
      {data.environments.length ? (
        <ul className="mt-2 grid gap-3 md:grid-cols-2">
          {data.environments.map((g) => {
            const at = deployedAt.get(g.environment) ?? null;
            const opens = opensAhead(schedule?.windows.find((w) => w.environment === g.environment)?.start, now);
            const stance = deploymentStance({ allowed: g.allowed, gates: g.gates, deployedAt: at, canRecord: data.canRecord, windowOpensAt: opens });
            const badge = STANCE_BADGES[stance];
            const gates = <GateList gates={g.gates} idPrefix={`deploy-gate-${g.environment}`} alarm={isAlarming(stance)} />;
            return (
              <li key={g.environment} className="rounded-md border border-gray-200 p-3">
                <div className="mb-2 flex flex-wrap items-center gap-2">
                  <h4 className="text-sm font-semibold text-gray-900">{g.environment}</h4>
                  <Badge tone={badge.tone}>{badge.text}</Badge>
                </div>
                {stance === 'deployed' && at ? (
                  <p className="mb-1 text-sm text-gray-900">
                    Deployed to {g.environment} on <When iso={at} zone={timezone} />.
                  </p>
                ) : null}
                {stance === 'waiting' && opens ? (
                  <p className="mb-1 text-sm text-gray-900">
                    {g.environment}&apos;s window opens <When iso={opens.toISOString()} zone={timezone} />,{' '}
                    <Countdown target={opens.toISOString()} serverNow={now.toISOString()} />.
                  </p>
                ) : null}
                {stance === 'later' ? (
                  <p className="mb-1 text-sm text-gray-800">
                    {g.gates.find((x) => x.rule === 'deploy.status' && !x.passed)?.why ??
                      g.gates.find((x) => x.rule === 'deploy.promotion' && !x.passed)?.why ??
                      'Not the next step.'}
                  </p>
                ) : null}
                {stance === 'deployed' || stance === 'later' ? (
                  <details className="text-sm">
                    <summary className="min-h-6 w-fit cursor-pointer py-1 text-xs text-gray-700">
                      {stance === 'later' ? `Deployment checks for later (${g.gates.length})` : `Deployment checks (${g.gates.length})`}
                    </summary>
                    <div className="mt-1">{gates}</div>
                  </details>
                ) : (
                  gates
                )}
                {data.canRecord && g.gates.find((x) => x.rule === 'deploy.status')?.passed ? (
                  g.gates.find((x) => x.rule === 'deploy.in_flight')?.passed === false ? (
                    <p className="mt-2 text-sm text-gray-800">
                      A deployment to {g.environment} is open:{' '}
                      <a href="#deployment-list" className="link">
                        mark it succeeded or failed below
                      </a>{' '}
                      before recording another.
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
        <Nothing>The release has no target environment: add one under Environments, then schedule it.</Nothing>
      )}
      <h3 id="deployment-list" className="mt-4 text-sm font-semibold text-gray-900">
        Deployments
      </h3>
      {data.deployments.length ? (
        <ol className="mt-2 space-y-3">
          {data.deployments.map((d) => (
            <DeploymentItem key={d.id} d={d} releaseKey={data.key} timezone={timezone} canRecord={data.canRecord} />
          ))}
        </ol>
      ) : (
        <Nothing>No deployments yet.</Nothing>
      )}
    </Section>
  );
}
