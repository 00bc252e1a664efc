import type { ReleaseDetailDto } from '@/lib/server/releases';
import { Badge, type Tone } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { Prose, When } from '@/components/ui/text';
import { humanize } from '@/components/format';

const HANDOVER_TONES: Record<string, Tone> = { draft: 'gray', ready: 'blue', questions: 'amber', acknowledged: 'green' };

export function HandoverSection({ r }: { r: ReleaseDetailDto }) {
  const h = r.handover;
  return (
    <Section id="handover" title="Handover to operations">
      {!h ? (
        <Nothing>No handover notes yet.</Nothing>
      ) : (
        <div className="space-y-3">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={HANDOVER_TONES[h.status] ?? 'gray'}>{humanize(h.status)}</Badge>
            {h.preparedBy ? <span className="text-gray-700">prepared by {h.preparedBy}</span> : null}
            {h.acknowledgedAt ? (
              <span className="text-gray-700">
                · acknowledged by {h.acknowledgedBy ?? 'operations'} <When iso={h.acknowledgedAt} zone={r.timezone} />
              </span>
            ) : null}
          </p>
          <DescriptionList
            columns={2}
            items={[
              { term: 'What changed', value: <Prose text={h.whatChanged} empty="Not written yet." /> },
              { term: 'Runbook', value: <Prose text={h.runbook} empty="Not written yet." /> },
              { term: 'Monitoring', value: <Prose text={h.monitoring} empty="Not written yet." /> },
              { term: 'Known errors and workarounds', value: <Prose text={h.knownErrors} empty="None listed." /> },
              { term: 'Support contacts', value: <Prose text={h.supportContacts} empty="None listed." /> },
              ...(h.questions ? [{ term: 'Questions from operations', value: <Prose text={h.questions} empty="" /> }] : []),
            ]}
          />
        </div>
      )}
    </Section>
  );
}
