import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Badge, type Tone } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { Digest, When } from '@/components/ui/text';
import { humanize } from '@/components/format';

const DEPLOYMENT_TONES: Record<string, Tone> = {
  scheduled: 'violet',
  in_progress: 'amber',
  succeeded: 'green',
  failed: 'red',
  rolled_back: 'rose',
};
const VERIFICATION_TONES: Record<string, Tone> = { passed: 'green', failed: 'red', skipped: 'gray' };

export function DeploymentsSection({ r }: { r: ReleaseDetailDto }) {
  return (
    <Section id="deployments" title="Deployments" count={r.deployments.length}>
      {r.deployments.length ? (
        <ol className="space-y-3">
          {r.deployments.map((d) => (
            <li key={d.id} className="rounded-md border border-gray-200 p-3">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="text-sm font-semibold text-gray-900">
                  {d.kind === 'backout' ? 'Back-out in ' : 'Deployment to '}
                  {d.environment}
                </h3>
                <Badge tone={DEPLOYMENT_TONES[d.status] ?? 'gray'}>{humanize(d.status)}</Badge>
                <span className="text-xs text-gray-700">by {d.executedBy}</span>
              </div>
              <p className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-gray-800">
                {d.scheduledFor ? (
                  <span>
                    Scheduled <When iso={d.scheduledFor} zone={r.timezone} />
                  </span>
                ) : null}
                <span>
                  Started <When iso={d.startedAt} zone={r.timezone} empty="not yet" />
                </span>
                <span>
                  Finished <When iso={d.finishedAt} zone={r.timezone} empty="not yet" />
                </span>
                {d.packageDigest ? (
                  <span>
                    Package <Digest value={d.packageDigest} />
                  </span>
                ) : null}
              </p>
              {d.notes ? <p className="mt-1 text-xs whitespace-pre-line text-gray-800">{d.notes}</p> : null}
              <h4 className="mt-2 text-xs font-semibold text-gray-800">Verification</h4>
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
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-xs text-gray-700 italic">No verification results recorded.</p>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <Nothing>No deployments yet.</Nothing>
      )}
    </Section>
  );
}
