import { getTranslations, getLocale } from 'next-intl/server';
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
import { localize } from '@/lib/server/say';
import type { Locale } from '@/lib/domain/locale';

// problems one after the other, as each language punctuates them
const CLAUSES: Record<Locale, string> = { en: '; ', fr: '\u202f; ' };

/**
 * The release's back-out plan (steps, duration, triggers, the builds to return
 * to with what runs now, the last rehearsal), its edit and rehearsal forms for
 * release.edit holders, and — once a deployment failed — "Execute back-out" for
 * deployment.record holders.
 */
export async function BackoutPanel({ release, timezone }: { release: ReleaseRef; timezone: string }) {
  const actor = await requireUser();
  const [t, locale] = await Promise.all([getTranslations('release-page.backout'), getLocale()]);
  const b = await getBackoutPlan(actor, release);
  if (!b) return null;
  const p = b.plan;
  const failedDeploy = b.backoutEnvironments.find((e) => e.deploymentStatus === 'failed');
  const canExecuteHere = b.canExecute && b.backoutEnvironments.length > 0 && !!p && b.targets.some((x) => x.target);
  const returnTo =
    b.targets
      .filter((x) => x.target)
      .map((x) => t('returnToItem', { component: x.component, version: x.target!.version }))
      .join(', ') || t('noBuildsNamed');

  return (
    <Section
      id="backout"
      title={t('title')}
      actions={
        b.required ? (
          <Badge tone={b.facts.complete ? 'green' : 'amber'}>{b.facts.complete ? t('badge.complete') : t('badge.required')}</Badge>
        ) : (
          <Badge tone="gray">{t('badge.optional', { type: b.type })}</Badge>
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
              {failedDeploy ? t('execute.failed', { environment: failedDeploy.name }) : t('execute.title')}
            </h3>
            <p className="mt-1 text-sm text-gray-900">{t('execute.explain', { returnTo, key: b.key })}</p>
            <div className="mt-2">
              {canExecuteHere ? (
                <ExecuteBackoutForm
                  action={executeBackoutAction}
                  releaseKey={b.key}
                  returnTo={returnTo}
                  environments={b.backoutEnvironments.map((e) => ({
                    name: e.name,
                    label: t('execute.environment', { displayName: e.displayName, name: e.name, status: e.deploymentStatus.replace('_', ' ') }),
                  }))}
                />
              ) : !b.canExecute ? (
                <p className="text-sm text-gray-800">{t('execute.needsOperations')}</p>
              ) : (
                <p className="text-sm text-gray-800">{t('execute.noBuild')}</p>
              )}
            </div>
          </div>
        ) : null}

        {b.executed.length ? (
          <ul className="space-y-1 text-sm" aria-label={t('executed.label')}>
            {b.executed.map((e) => (
              <li key={e.id}>
                {t.rich('executed.item', {
                  badge: (c) => <Badge tone="red">{c}</Badge>,
                  environment: e.environment,
                  when: () => <When iso={e.at} zone={timezone} />,
                  by: e.by,
                  reason: e.reason,
                })}
              </li>
            ))}
          </ul>
        ) : null}

        {!p ? (
          <Nothing>{b.required ? t('none.required', { type: b.type }) : t('none.optional', { type: b.type })}</Nothing>
        ) : (
          <>
            {!b.facts.complete ? (
              <p className="text-sm text-amber-900">{t('incomplete', { problems: b.facts.problems.map((x) => localize(x, locale)).join(CLAUSES[locale]) })}</p>
            ) : null}
            <DescriptionList
              items={[
                { term: t('plan.expectedDuration'), value: formatMinutes(p.expectedDurationMinutes) },
                {
                  term: t('plan.lastRehearsal'),
                  value: p.lastRehearsal ? (
                    <>
                      <When iso={p.lastRehearsal.at} zone={timezone} />
                      <Badge tone={p.lastRehearsal.result === 'failed' ? 'red' : p.lastRehearsal.result === 'passed' ? 'green' : 'amber'} className="ml-2">
                        {localize(REHEARSAL_WORDS[p.lastRehearsal.result], locale)}
                      </Badge>
                    </>
                  ) : (
                    t('plan.neverRehearsed')
                  ),
                },
                { term: t('plan.triggerCriteria'), value: <MarkdownText text={p.triggerCriteria} empty={t('plan.noTriggerCriteria')} />, wide: true },
                ...(p.lastRehearsal?.notes
                  ? [{ term: t('plan.rehearsalNotes'), value: <MarkdownText text={p.lastRehearsal.notes} empty="" />, wide: true }]
                  : []),
              ]}
            />
            <div>
              <h3 className="text-xs font-semibold text-gray-800">{t('plan.steps')}</h3>
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
            <h3 className="text-xs font-semibold text-gray-800">
              {b.referenceEnvironment ? t('targets.titleRuns', { environment: b.referenceEnvironment.name }) : t('targets.title')}
            </h3>
            <ul className="mt-1 space-y-0.5 text-sm text-gray-900">
              {b.targets.map((x) => (
                <li key={x.componentId}>
                  {t.rich(x.target ? 'targets.item' : 'targets.itemNew', {
                    name: (c) => <span className="font-medium">{c}</span>,
                    component: x.component,
                    shipping: x.shipping,
                    version: x.target?.version ?? '',
                  })}
                  {x.target?.defaulted ? <span className="text-xs text-gray-700">{t('targets.defaulted')}</span> : null}
                  <span className="text-xs text-gray-700">
                    {' '}
                    ·{' '}
                    {b.referenceEnvironment
                      ? t('targets.runsNow', { environment: b.referenceEnvironment.name, running: x.actuallyRunning ?? t('targets.nothing') })
                      : t('targets.runningNow', { running: x.actuallyRunning ?? t('targets.nothing') })}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {b.canEdit && b.editable ? (
          <>
            <details className="rounded-md border border-gray-300 p-3" open={!p}>
              <summary className="cursor-pointer text-sm font-medium text-gray-900">{p ? t('edit') : t('write')}</summary>
              <div className="mt-3">
                <BackoutPlanForm
                  action={saveBackoutPlanAction}
                  releaseKey={b.key}
                  version={b.version}
                  environmentName={b.referenceEnvironment?.name ?? null}
                  plan={p}
                  targets={b.targets.map((x) => ({
                    component: x.component,
                    shipping: x.shipping,
                    runningNow: x.runningNow,
                    targetBuildId: x.target && !x.target.defaulted ? x.target.buildId : null,
                    choices: x.choices,
                  }))}
                />
              </div>
            </details>
            {p ? (
              <details className="rounded-md border border-gray-300 p-3">
                <summary className="cursor-pointer text-sm font-medium text-gray-900">{t('recordRehearsal')}</summary>
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
