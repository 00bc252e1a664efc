import { addActionItemAction, saveReviewAction, updateActionItemAction, updateMyActionItemStatusAction } from '../review-actions';
import { ActionItemForm, MyItemStatusForm, ReviewForm } from '@/components/review/review-forms';
import { Badge, type Tone } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import { MarkdownText } from '@/components/ui/markdown';
import { formatCalendarDate, humanize } from '@/components/format';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { getReview } from '@/lib/server/reviews';
import { requireUser } from '@/lib/server/session';

const OUTCOME_TONES: Record<string, Tone> = { successful: 'green', partially_successful: 'amber', failed: 'red' };
const ITEM_TONES: Record<string, Tone> = { open: 'blue', in_progress: 'amber', done: 'green', cancelled: 'stone' };

/** The post-release review: whether it is required and why, the form for release managers, and its action items. */
export async function ReviewPanel({ release, timezone }: { release: ReleaseRef; timezone: string }) {
  const actor = await requireUser();
  const v = await getReview(actor, release);
  if (!v) return null;
  const complete = !!v.completedAt;
  return (
    <Section id="review" title="Post-release review" count={v.actionItems.length || undefined}>
      <div className="space-y-3">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          {complete ? <Badge tone="green">Complete</Badge> : v.started ? <Badge tone="amber">In progress</Badge> : <Badge tone="gray">Not started</Badge>}
          {v.outcome ? <Badge tone={OUTCOME_TONES[v.outcome] ?? 'gray'}>{humanize(v.outcome)}</Badge> : null}
          {v.required ? (
            <span className="text-gray-800">
              Required because {v.reasons.join('; ')}. {complete ? '' : 'The release closes only when the review is complete.'}
            </span>
          ) : (
            <span className="text-gray-700">Not required by the policy for this release.</span>
          )}
        </p>
        {complete ? (
          <p className="text-sm text-gray-700">
            Completed by {v.completedBy ?? 'someone'} <When iso={v.completedAt} zone={timezone} />.
          </p>
        ) : null}

        {v.canEdit ? (
          <details open={!complete} className="rounded-md border border-gray-200 p-3">
            <summary className="cursor-pointer text-sm font-semibold text-gray-900">{v.started ? 'Edit the review' : 'Write the review'}</summary>
            <div className="mt-3">
              <ReviewForm
                action={saveReviewAction}
                releaseKey={v.releaseKey}
                completed={complete}
                version={v.version}
                review={{
                  outcome: v.outcome ?? '',
                  objectivesMet: v.objectivesMet === null ? '' : v.objectivesMet ? 'yes' : 'no',
                  objectivesNotes: v.objectivesNotes,
                  incidents: v.incidents,
                  wentWell: v.wentWell,
                  wentBadly: v.wentBadly,
                }}
              />
            </div>
          </details>
        ) : !v.started ? (
          <Nothing>
            {['deployed', 'rolled_back', 'handed_over', 'in_review'].includes(v.releaseStatus)
              ? 'No review written yet. Release managers write it.'
              : 'The review is written after the release is deployed.'}
          </Nothing>
        ) : null}

        {v.started ? (
          <DescriptionList
            columns={2}
            items={[
              {
                term: 'Objectives met',
                value: (
                  <>
                    {v.objectivesMet === null ? 'Not assessed' : v.objectivesMet ? 'Yes' : 'No'}
                    {v.objectivesNotes ? <span className="block text-gray-800">{v.objectivesNotes}</span> : null}
                  </>
                ),
              },
              { term: 'Incidents', value: <MarkdownText text={v.incidents} empty="None recorded." /> },
              { term: 'What went well', value: <MarkdownText text={v.wentWell} empty="Not written yet." /> },
              { term: 'What went badly', value: <MarkdownText text={v.wentBadly} empty="Not written yet." /> },
            ]}
          />
        ) : null}

        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-gray-900">Action items</h3>
          {v.actionItems.length ? (
            <Table caption="Action items from the review">
              <THead>
                <tr>
                  <Th>Action</Th>
                  <Th>Owner</Th>
                  <Th>Due</Th>
                  <Th>Status</Th>
                  <Th>
                    <span className="sr-only">Changes</span>
                  </Th>
                </tr>
              </THead>
              <TBody>
                {v.actionItems.map((i) => (
                  <Tr key={i.id}>
                    <Td className="min-w-48">{i.title}</Td>
                    <Td className="whitespace-nowrap">{i.owner}</Td>
                    <Td className="whitespace-nowrap">
                      <time dateTime={i.dueDate}>{formatCalendarDate(i.dueDate)}</time>
                      {i.overdue ? (
                        <Badge tone="red" className="ml-1">
                          Overdue
                        </Badge>
                      ) : null}
                    </Td>
                    <Td>
                      <Badge tone={ITEM_TONES[i.status] ?? 'gray'}>{humanize(i.status)}</Badge>
                    </Td>
                    <Td className="min-w-40">
                      {i.mine ? (
                        <MyItemStatusForm action={updateMyActionItemStatusAction} releaseKey={v.releaseKey} itemId={i.id} status={i.status} label={i.title} />
                      ) : null}
                      {v.canAddItems ? (
                        <details>
                          <summary className="cursor-pointer text-sm text-blue-800 underline">
                            Edit<span className="sr-only"> {i.title}</span>
                          </summary>
                          <div className="mt-2 min-w-[36rem]">
                            <ActionItemForm
                              action={updateActionItemAction}
                              releaseKey={v.releaseKey}
                              item={i}
                              users={v.users}
                              submitLabel="Save the action item"
                            />
                          </div>
                        </details>
                      ) : null}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <Nothing>No action items.</Nothing>
          )}
          {v.canAddItems ? (
            <details className="rounded-md border border-gray-200 p-3">
              <summary className="cursor-pointer text-sm font-semibold text-gray-900">Add an action item</summary>
              <div className="mt-3">
                <ActionItemForm action={addActionItemAction} releaseKey={v.releaseKey} users={v.users} submitLabel="Add the action item" />
              </div>
            </details>
          ) : null}
        </div>
      </div>
    </Section>
  );
}
