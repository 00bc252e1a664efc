import { getTranslations } from 'next-intl/server';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { allows } from '@/lib/server/authz';
import { mayManage } from '@/lib/server/release-managers';
import { listPlanTasks } from '@/lib/server/plan';
import { requireUser } from '@/lib/server/session';
import { addPlanTaskAction, finishPlanTaskAction, removePlanTaskAction, startPlanTaskAction, updatePlanTaskAction } from '../plan-actions';
import { ActionButton } from '@/components/release-forms/action-button';
import { PlanTaskForm } from '@/components/release-forms/plan-task-form';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import { formatMinutes } from '@/components/format';
import { PlanTimeline } from './plan-timeline';

/** The plan of a release in dependency order, with start/finish buttons and forms for plan editors. Loads its own data. */
export async function PlanTasks({ r }: { r: ReleaseRef }) {
  const t = await getTranslations('release-plan.tasks');
  const actor = await requireUser();
  const plan = await listPlanTasks(actor, r);
  if (!plan) return null;
  const canEdit = allows(actor, 'plan.edit') && !plan.finished && (await mayManage(actor, r));
  const unowned = plan.tasks.filter((task) => !task.ownerId).length;

  return (
    <Section id="plan" title={t('title')} count={plan.tasks.length} bare>
      {plan.tasks.length ? (
        <Table
          caption={t('caption')}
          footer={
            <p className="border-t border-gray-200 px-3 py-2 text-xs text-gray-700">
              {t('total', { total: formatMinutes(plan.totalMinutes) })}
              {unowned ? <span className="font-medium text-red-800"> {t('unowned', { count: unowned })}</span> : null}
            </p>
          }
        >
          <THead>
            <tr>
              <Th className="w-10">#</Th>
              <Th>{t('columns.task')}</Th>
              <Th>{t('columns.owner')}</Th>
              <Th>{t('columns.estimate')}</Th>
              <Th>{t('columns.dependsOn')}</Th>
              <Th>{t('columns.started')}</Th>
              <Th>{t('columns.finished')}</Th>
              {canEdit ? <Th>{t('columns.progress')}</Th> : null}
            </tr>
          </THead>
          <TBody>
            {plan.tasks.map((task, i) => (
              <Tr key={task.id}>
                <Td className="text-gray-700">{i + 1}</Td>
                <Td className="min-w-48 font-medium">{task.name}</Td>
                <Td className="whitespace-nowrap">{task.owner ?? <span className="font-medium text-red-800">{t('noOwner')}</span>}</Td>
                <Td className="whitespace-nowrap">{formatMinutes(task.estimateMinutes)}</Td>
                <Td className="text-xs">
                  {task.dependsOn.length ? task.dependsOn.map((d) => d.name).join(', ') : <span className="text-gray-700">{t('noDependencies')}</span>}
                </Td>
                <Td className="text-xs">
                  <When iso={task.actualStart} zone={plan.timezone} empty={t('notStarted')} />
                </Td>
                <Td className="text-xs">
                  <When iso={task.actualFinish} zone={plan.timezone} empty={t('notFinished')} />
                </Td>
                {canEdit ? (
                  <Td>
                    {!task.actualStart ? (
                      task.ready ? (
                        <ActionButton
                          action={startPlanTaskAction}
                          fields={{ releaseKey: plan.releaseKey, taskId: task.id }}
                          label={t('start')}
                          srContext={task.name}
                          pendingText={t('starting')}
                        />
                      ) : (
                        <span className="text-xs text-gray-700">{t('waiting')}</span>
                      )
                    ) : !task.actualFinish ? (
                      <ActionButton
                        action={finishPlanTaskAction}
                        fields={{ releaseKey: plan.releaseKey, taskId: task.id }}
                        label={t('finish')}
                        srContext={task.name}
                        pendingText={t('finishing')}
                      />
                    ) : (
                      <span className="text-xs text-green-800">{t('done')}</span>
                    )}
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <div className="rounded-md border border-gray-200 bg-white p-3">
          <Nothing>{t('none')}</Nothing>
        </div>
      )}
      {plan.tasks.length ? <PlanTimeline release={r} /> : null}
      {canEdit ? (
        // the task forms are client components: they get the release-forms namespace's words
        <ClientMessages namespaces={['release-forms']}>
          <div className="mt-3 space-y-3 rounded-md border border-gray-200 bg-white p-3">
            <details>
              <summary className="cursor-pointer text-sm font-medium text-blue-800">{t('add')}</summary>
              <div className="mt-2">
                <PlanTaskForm
                  action={addPlanTaskAction}
                  releaseKey={plan.releaseKey}
                  users={plan.users}
                  otherTasks={plan.tasks.map((task) => ({ id: task.id, name: task.name }))}
                  submitLabel={t('addSubmit')}
                />
              </div>
            </details>
            {plan.tasks.map((task) => (
              <details key={task.id}>
                <summary className="cursor-pointer text-sm text-blue-800">
                  {t.rich('change', { name: task.name, strong: (c) => <span className="font-medium">{c}</span> })}
                </summary>
                <div className="mt-2 space-y-2">
                  <PlanTaskForm
                    action={updatePlanTaskAction}
                    releaseKey={plan.releaseKey}
                    task={{
                      id: task.id,
                      name: task.name,
                      ownerId: task.ownerId,
                      estimateMinutes: task.estimateMinutes,
                      dependsOn: task.dependsOn.map((d) => d.id),
                    }}
                    users={plan.users}
                    otherTasks={plan.tasks.filter((o) => o.id !== task.id).map((o) => ({ id: o.id, name: o.name }))}
                    submitLabel={t('save')}
                  />
                  <ActionButton
                    action={removePlanTaskAction}
                    fields={{ releaseKey: plan.releaseKey, taskId: task.id }}
                    label={t('remove')}
                    srContext={task.name}
                    pendingText={t('removing')}
                    variant="danger"
                    confirm={t('removeConfirm', { name: task.name })}
                  />
                </div>
              </details>
            ))}
          </div>
        </ClientMessages>
      ) : null}
    </Section>
  );
}
