import { executeBackoutAction, recordRehearsalAction, saveBackoutPlanAction } from '../backout-actions';
import { BackoutPlanForm } from '@/components/backout/backout-plan-form';
import { ExecuteBackoutForm } from '@/components/backout/execute-backout-form';
import { RehearsalForm } from '@/components/backout/rehearsal-form';
import { formatMinutes } from '@/components/format';
import { Badge } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { When } from '@/components/ui/text';
import { Markdown, MarkdownText } from '@/components/ui/markdown';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { getBackoutPlan, REHEARSAL_WORDS } from '@/lib/server/backout';
import { requireUser } from '@/lib/server/session';
import { now } from '@/lib/server/clock';

/**
 * The release's back-out plan (steps, duration, triggers, the builds to return
 * to with what runs now, the last rehearsal), its edit and rehearsal forms for
 * release.edit holders, and — once a deployment failed — "Execute back-out" for
 * deployment.record holders.
 */
export async function BackoutPanel({ release, timezone }: { release: ReleaseRef; timezone: string }) {
  const actor = await requireUser();
  const b = await getBackoutPlan(actor, release);
  if (!b) return null;
  const p = b.plan;
  const failedDeploy = b.backoutEnvironments.find((e) => e.deploymentStatus === 'failed');
  const canExecuteHere = b.canExecute && b.backoutEnvironments.length > 0 && !!p && b.targets.some((t) => t.target);
  const returnTo =
    b.targets
      .filter((t) => t.target)
      .map((t) => `${t.component} back to ${t.target!.version}`)
      .join(', ') || 'no builds named';

  return (
    <Section
      id="backout"
      title="Back-out plan"
      actions={
        b.required ? (
          <Badge tone={b.facts.complete ? 'green' : 'amber'}>{b.facts.complete ? 'Required · complete' : 'Required by policy'}</Badge>
        ) : (
          <Badge tone="gray">Optional for {b.type} releases</Badge>
        )
      }
    >
      <div className="space-y-4">
        {b.backoutEnvironments.length > 0 ? (
          <div
            role="region"
            aria-labelledby="backout-execute-heading"
            className={failedDeploy ? 'rounded-md border-2 border-red-600 bg-red-50 p-3' : 'rounded-md border border-amber-300 bg-amber-50 p-3'}
          >
            <h3 id="backout-execute-heading" className="text-sm font-semibold text-gray-900">
              {failedDeploy ? `The deployment to ${failedDeploy.name} failed: back out?` : 'Back out this release'}
            </h3>
            <p className="mt-1 text-sm text-gray-900">
              Executing the plan records a deployment of the previous builds ({returnTo}), moves {b.key} to rolled back and makes a post-release review
              mandatory.
            </p>
            <div className="mt-2">
              {canExecuteHere ? (
                <ExecuteBackoutForm
                  action={executeBackoutAction}
                  releaseKey={b.key}
                  returnTo={returnTo}
                  environments={b.backoutEnvironments.map((e) => ({
                    name: e.name,
                    label: `${e.displayName} (${e.name}) — deployment ${e.deploymentStatus.replace('_', ' ')}`,
                  }))}
                />
              ) : !b.canExecute ? (
                <p className="text-sm text-gray-800">Recording a back-out needs the operations role: ask operations to execute it.</p>
              ) : (
                <p className="text-sm text-gray-800">The back-out plan names no build to return to: complete the plan below first.</p>
              )}
            </div>
          </div>
        ) : null}

        {b.executed.length ? (
          <ul className="space-y-1 text-sm" aria-label="Executed back-outs">
            {b.executed.map((e) => (
              <li key={e.id}>
                <Badge tone="red">Backed out</Badge> in {e.environment} on <When iso={e.at} zone={timezone} /> by {e.by}: {e.reason}
              </li>
            ))}
          </ul>
        ) : null}

        {!p ? (
          <Nothing>
            {b.required
              ? `No back-out plan yet: the policy requires one before a ${b.type} release can be submitted.`
              : `No back-out plan (${b.type} releases may go without one).`}
          </Nothing>
        ) : (
          <>
            {!b.facts.complete ? <p className="text-sm text-amber-900">Incomplete: {b.facts.problems.join('; ')}.</p> : null}
            <DescriptionList
              items={[
                { term: 'Expected duration', value: formatMinutes(p.expectedDurationMinutes) },
                {
                  term: 'Last rehearsal',
                  value: p.lastRehearsal ? (
                    <>
                      <When iso={p.lastRehearsal.at} zone={timezone} />
                      <Badge tone={p.lastRehearsal.result === 'failed' ? 'red' : p.lastRehearsal.result === 'passed' ? 'green' : 'amber'} className="ml-2">
                        {REHEARSAL_WORDS[p.lastRehearsal.result]}
                      </Badge>
                    </>
                  ) : (
                    'Never rehearsed'
                  ),
                },
                { term: 'Trigger criteria', value: <MarkdownText text={p.triggerCriteria} empty="None written down." />, wide: true },
                ...(p.lastRehearsal?.notes ? [{ term: 'Rehearsal notes', value: <MarkdownText text={p.lastRehearsal.notes} empty="" />, wide: true }] : []),
              ]}
            />
            <div>
              <h3 className="text-xs font-semibold text-gray-800">Steps</h3>
              <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm text-gray-900">
                {p.steps.map((s) => (
                  <li key={s.position}>
                    <Markdown text={s.description} className="inline break-words [&>p]:inline" />
                    {s.expectedMinutes ? <span className="text-xs text-gray-700"> ({formatMinutes(s.expectedMinutes)})</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          </>
        )}

        {b.targets.length ? (
          <div>
            <h3 className="text-xs font-semibold text-gray-800">Return to{b.referenceEnvironment ? ` (what ${b.referenceEnvironment.name} runs)` : ''}</h3>
            <ul className="mt-1 space-y-0.5 text-sm text-gray-900">
              {b.targets.map((t) => (
                <li key={t.componentId}>
                  <span className="font-medium">{t.component}</span>: ships {t.shipping}, returns to {t.target ? t.target.version : 'nothing (new component)'}
                  {t.target?.defaulted ? <span className="text-xs text-gray-700"> — default, not saved yet</span> : null}
                  <span className="text-xs text-gray-700">
                    {' '}
                    · {b.referenceEnvironment ? `${b.referenceEnvironment.name} runs` : 'running'} now: {t.actuallyRunning ?? 'nothing'}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {b.canEdit && b.editable ? (
          <>
            <details className="rounded-md border border-gray-300 p-3" open={!p}>
              <summary className="cursor-pointer text-sm font-medium text-gray-900">{p ? 'Edit the back-out plan' : 'Write the back-out plan'}</summary>
              <div className="mt-3">
                <BackoutPlanForm
                  action={saveBackoutPlanAction}
                  releaseKey={b.key}
                  version={b.version}
                  environmentName={b.referenceEnvironment?.name ?? null}
                  plan={p}
                  targets={b.targets.map((t) => ({
                    component: t.component,
                    shipping: t.shipping,
                    runningNow: t.runningNow,
                    targetBuildId: t.target && !t.target.defaulted ? t.target.buildId : null,
                    choices: t.choices,
                  }))}
                />
              </div>
            </details>
            {p ? (
              <details className="rounded-md border border-gray-300 p-3">
                <summary className="cursor-pointer text-sm font-medium text-gray-900">Record a rehearsal</summary>
                <div className="mt-3">
                  <RehearsalForm action={recordRehearsalAction} releaseKey={b.key} today={now().toISOString().slice(0, 10)} />
                </div>
              </details>
            ) : null}
          </>
        ) : null}
      </div>
    </Section>
  );
}
