import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Badge, type Tone } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Prose, When } from '@/components/ui/text';
import { formatCalendarDate, humanize } from '@/components/format';

const OUTCOME_TONES: Record<string, Tone> = { successful: 'green', partially_successful: 'amber', failed: 'red' };
const ITEM_TONES: Record<string, Tone> = { open: 'blue', done: 'green', cancelled: 'stone' };

export function ReviewSection({ r }: { r: ReleaseDetailDto }) {
  const v = r.review;
  return (
    <Section id="review" title="Post-release review">
      {!v ? (
        <Nothing>{r.postReviewRequired ? 'A review is required but has not been started.' : 'No post-release review.'}</Nothing>
      ) : (
        <div className="space-y-3">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            {v.outcome ? <Badge tone={OUTCOME_TONES[v.outcome] ?? 'gray'}>{humanize(v.outcome)}</Badge> : <Badge tone="amber">In progress</Badge>}
            {v.completedAt ? (
              <span className="text-gray-700">
                completed by {v.completedBy ?? 'someone'} <When iso={v.completedAt} zone={r.timezone} />
              </span>
            ) : null}
            {v.requiredReasons.length ? <span className="text-gray-700">· required because: {v.requiredReasons.join(', ')}</span> : null}
          </p>
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
              { term: 'Incidents', value: <Prose text={v.incidents} empty="None recorded." /> },
              { term: 'What went well', value: <Prose text={v.wentWell} empty="Not written yet." /> },
              { term: 'What went badly', value: <Prose text={v.wentBadly} empty="Not written yet." /> },
            ]}
          />
          <div>
            <h3 className="mb-1 text-xs font-semibold text-gray-800">Action items</h3>
            {v.actionItems.length ? (
              <Table caption="Action items from the review">
                <THead>
                  <tr>
                    <Th>Action</Th>
                    <Th>Owner</Th>
                    <Th>Due</Th>
                    <Th>Status</Th>
                  </tr>
                </THead>
                <TBody>
                  {v.actionItems.map((i) => (
                    <Tr key={i.id}>
                      <Td className="min-w-48">{i.title}</Td>
                      <Td className="whitespace-nowrap">{i.owner}</Td>
                      <Td className="whitespace-nowrap">
                        <time dateTime={i.dueDate}>{formatCalendarDate(i.dueDate)}</time>
                      </Td>
                      <Td>
                        <Badge tone={ITEM_TONES[i.status] ?? 'gray'}>{humanize(i.status)}</Badge>
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            ) : (
              <Nothing>No action items.</Nothing>
            )}
          </div>
        </div>
      )}
    </Section>
  );
}
