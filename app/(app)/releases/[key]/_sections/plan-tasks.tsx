import type { ReleaseRef } from '@/lib/server/release-ref';
import { allows } from '@/lib/server/authz';
import { mayManage } from '@/lib/server/release-managers';
import { listPlanTasks } from '@/lib/server/plan';
import { requireUser } from '@/lib/server/session';
import { addPlanTaskAction, finishPlanTaskAction, removePlanTaskAction, startPlanTaskAction, updatePlanTaskAction } from '../plan-actions';
import { ActionButton } from '@/components/release-forms/action-button';
import { PlanTaskForm } from '@/components/release-forms/plan-task-form';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import { formatMinutes } from '@/components/format';
import { PlanTimeline } from './plan-timeline';

/** The plan of a release in dependency order, with start/finish buttons and forms for plan editors. Loads its own data. */
export async function PlanTasks({ r }: { r: ReleaseRef }) {
  const actor = await requireUser();
  const plan = await listPlanTasks(actor, r);
  if (!plan) return null;
  const canEdit = allows(actor, 'plan.edit') && !plan.finished && (await mayManage(actor, r));
  const unowned = plan.tasks.filter((t) => !t.ownerId).length;

  return (
    <Section id="plan" title="Plan tasks" count={plan.tasks.length} bare>
      {plan.tasks.length ? (
        <Table
          caption="Plan tasks, each after the tasks it depends on"
          footer={
            <p className="border-t border-gray-200 px-3 py-2 text-xs text-gray-700">
              Estimated work in total: {formatMinutes(plan.totalMinutes)} (tasks may run in parallel).
              {unowned ? (
                <span className="font-medium text-red-800">
                  {' '}
                  {unowned} task{unowned === 1 ? ' has' : 's have'} no owner yet: every task needs one before submitting.
                </span>
              ) : null}
            </p>
          }
        >
          <THead>
            <tr>
              <Th className="w-10">#</Th>
              <Th>Task</Th>
              <Th>Owner</Th>
              <Th>Estimate</Th>
              <Th>Depends on</Th>
              <Th>Started</Th>
              <Th>Finished</Th>
              {canEdit ? <Th>Progress</Th> : null}
            </tr>
          </THead>
          <TBody>
            {plan.tasks.map((t, i) => (
              <Tr key={t.id}>
                <Td className="text-gray-700">{i + 1}</Td>
                <Td className="min-w-48 font-medium">{t.name}</Td>
                <Td className="whitespace-nowrap">{t.owner ?? <span className="font-medium text-red-800">No owner</span>}</Td>
                <Td className="whitespace-nowrap">{formatMinutes(t.estimateMinutes)}</Td>
                <Td className="text-xs">{t.dependsOn.length ? t.dependsOn.map((d) => d.name).join(', ') : <span className="text-gray-700">Nothing</span>}</Td>
                <Td className="text-xs">
                  <When iso={t.actualStart} zone={plan.timezone} empty="Not started" />
                </Td>
                <Td className="text-xs">
                  <When iso={t.actualFinish} zone={plan.timezone} empty="Not finished" />
                </Td>
                {canEdit ? (
                  <Td>
                    {!t.actualStart ? (
                      t.ready ? (
                        <ActionButton
                          action={startPlanTaskAction}
                          fields={{ releaseKey: plan.releaseKey, taskId: t.id }}
                          label="Start"
                          srContext={t.name}
                          pendingText="Starting…"
                        />
                      ) : (
                        <span className="text-xs text-gray-700">Waiting for its prerequisites</span>
                      )
                    ) : !t.actualFinish ? (
                      <ActionButton
                        action={finishPlanTaskAction}
                        fields={{ releaseKey: plan.releaseKey, taskId: t.id }}
                        label="Finish"
                        srContext={t.name}
                        pendingText="Finishing…"
                      />
                    ) : (
                      <span className="text-xs text-green-800">Done</span>
                    )}
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <div className="rounded-md border border-gray-200 bg-white p-3">
          <Nothing>No plan tasks yet.</Nothing>
        </div>
      )}
      {plan.tasks.length ? <PlanTimeline release={r} /> : null}
      {canEdit ? (
        <div className="mt-3 space-y-3 rounded-md border border-gray-200 bg-white p-3">
          <details>
            <summary className="cursor-pointer text-sm font-medium text-blue-800">Add a task</summary>
            <div className="mt-2">
              <PlanTaskForm
                action={addPlanTaskAction}
                releaseKey={plan.releaseKey}
                users={plan.users}
                otherTasks={plan.tasks.map((t) => ({ id: t.id, name: t.name }))}
                submitLabel="Add task"
              />
            </div>
          </details>
          {plan.tasks.map((t) => (
            <details key={t.id}>
              <summary className="cursor-pointer text-sm text-blue-800">
                Change or remove: <span className="font-medium">{t.name}</span>
              </summary>
              <div className="mt-2 space-y-2">
                <PlanTaskForm
                  action={updatePlanTaskAction}
                  releaseKey={plan.releaseKey}
                  task={{ id: t.id, name: t.name, ownerId: t.ownerId, estimateMinutes: t.estimateMinutes, dependsOn: t.dependsOn.map((d) => d.id) }}
                  users={plan.users}
                  otherTasks={plan.tasks.filter((o) => o.id !== t.id).map((o) => ({ id: o.id, name: o.name }))}
                  submitLabel="Save task"
                />
                <ActionButton
                  action={removePlanTaskAction}
                  fields={{ releaseKey: plan.releaseKey, taskId: t.id }}
                  label="Remove task"
                  srContext={t.name}
                  pendingText="Removing…"
                  variant="danger"
                  confirm={`Remove the task "${t.name}"?`}
                />
              </div>
            </details>
          ))}
        </div>
      ) : null}
    </Section>
  );
}
