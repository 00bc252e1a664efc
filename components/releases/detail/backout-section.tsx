import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Badge } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { When } from '@/components/ui/text';
import { Markdown, MarkdownText } from '@/components/ui/markdown';
import { formatMinutes } from '@/components/format';

export function BackoutSection({ r }: { r: ReleaseDetailDto }) {
  const b = r.backoutPlan;
  return (
    <Section id="backout" title="Back-out plan">
      {!b ? (
        <Nothing>{r.type === 'standard' ? 'No back-out plan (standard releases may go without one).' : 'No back-out plan yet.'}</Nothing>
      ) : (
        <div className="space-y-3">
          <DescriptionList
            items={[
              { term: 'Expected duration', value: formatMinutes(b.expectedDurationMinutes) },
              {
                term: 'Last rehearsed',
                value: b.lastRehearsedAt ? (
                  <>
                    <When iso={b.lastRehearsedAt} zone={r.timezone} />
                    {b.lastRehearsalResult ? (
                      <Badge tone={/fail/i.test(b.lastRehearsalResult) ? 'red' : 'green'} className="ml-2">
                        {b.lastRehearsalResult}
                      </Badge>
                    ) : null}
                  </>
                ) : (
                  'Never rehearsed'
                ),
              },
              { term: 'Return to', value: b.targets.length ? b.targets.map((t) => `${t.component}@${t.version}`).join(', ') : 'No target builds named' },
              { term: 'Trigger criteria', value: <MarkdownText text={b.triggerCriteria} empty="None written down." />, wide: true },
              ...(b.lastRehearsalNotes ? [{ term: 'Rehearsal notes', value: <MarkdownText text={b.lastRehearsalNotes} empty="" />, wide: true }] : []),
            ]}
          />
          <div>
            <h3 className="text-xs font-semibold text-gray-800">Steps</h3>
            {b.steps.length ? (
              <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm text-gray-900">
                {b.steps.map((s) => (
                  <li key={s.position}>
                    <Markdown text={s.description} className="inline break-words [&>p]:inline" />
                    {s.expectedMinutes ? <span className="text-xs text-gray-700"> ({formatMinutes(s.expectedMinutes)})</span> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <Nothing>No steps written down.</Nothing>
            )}
          </div>
        </div>
      )}
    </Section>
  );
}
