import { acknowledgeHandoverAction, saveHandoverAction, sendBackHandoverAction } from '../handover-actions';
import { AcknowledgeHandoverForm, HandoverForm, SendBackHandoverForm } from '@/components/handover/handover-forms';
import { Badge, type Tone } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Section } from '@/components/ui/section';
import { When } from '@/components/ui/text';
import { MarkdownText } from '@/components/ui/markdown';
import { humanize } from '@/components/format';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { draftWhatChanged, getHandover } from '@/lib/server/handover';
import { requireUser } from '@/lib/server/session';

const TONES: Record<string, Tone> = { draft: 'gray', ready: 'blue', questions: 'amber', acknowledged: 'green' };

const NEXT_STEP: Record<string, string> = {
  none: 'No handover notes yet. The release manager prepares them; operations acknowledge them before the release can be handed over.',
  draft: 'Draft: operations see the notes once the release manager marks them ready.',
  ready: 'Ready: waiting for operations to acknowledge the notes or send them back with questions.',
  questions: 'Operations sent the notes back with questions: the release manager answers them (edit the notes) and marks them ready again.',
  acknowledged: 'Operations acknowledged the handover: the release can move to handed over.',
};

/** Handover notes for operations: prepare (release managers), acknowledge or send back (operations). */
export async function HandoverPanel({ release, timezone }: { release: ReleaseRef; timezone: string }) {
  const actor = await requireUser();
  const h = await getHandover(actor, release);
  if (!h) return null;
  const prefill = h.canPrepare && !h.whatChanged ? await draftWhatChanged(actor, release) : '';
  return (
    <Section id="handover" title="Handover to operations">
      <div className="space-y-3">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={TONES[h.status ?? ''] ?? 'gray'}>{h.status ? humanize(h.status) : 'Not started'}</Badge>
          <span className="text-gray-800">{NEXT_STEP[h.status ?? 'none']}</span>
        </p>
        {h.preparedBy || h.acknowledgedAt ? (
          <p className="text-sm text-gray-700">
            {h.preparedBy ? <>Prepared by {h.preparedBy}. </> : null}
            {h.acknowledgedAt ? (
              <>
                Acknowledged by {h.acknowledgedBy ?? 'operations'} <When iso={h.acknowledgedAt} zone={timezone} />.
              </>
            ) : null}
          </p>
        ) : null}
        {h.status === 'questions' && h.questions ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <h3 className="font-semibold">Questions from operations</h3>
            <MarkdownText text={h.questions} empty="" />
          </div>
        ) : null}

        {h.canPrepare ? (
          <details open={h.status !== 'acknowledged' && h.status !== 'ready'} className="rounded-md border border-gray-200 p-3">
            <summary className="cursor-pointer text-sm font-semibold text-gray-900">
              {h.status ? 'Edit the handover notes' : 'Prepare the handover notes'}
            </summary>
            <div className="mt-3">
              {h.status === 'acknowledged' ? (
                <p className="mb-2 text-sm text-amber-900">Saving changes withdraws the acknowledgement: operations must acknowledge again.</p>
              ) : null}
              <HandoverForm action={saveHandoverAction} releaseKey={h.releaseKey} notes={h} draftWhatChanged={prefill} version={h.version} />
            </div>
          </details>
        ) : null}

        {h.status ? (
          <DescriptionList
            columns={2}
            items={[
              { term: 'What changed', value: <MarkdownText text={h.whatChanged} empty="Not written yet." /> },
              { term: 'Runbook', value: <MarkdownText text={h.runbook} empty="Not written yet." /> },
              { term: 'Monitoring', value: <MarkdownText text={h.monitoring} empty="Not written yet." /> },
              { term: 'Known errors and workarounds', value: <MarkdownText text={h.knownErrors} empty="None listed." /> },
              { term: 'Support contacts', value: <MarkdownText text={h.supportContacts} empty="None listed." /> },
            ]}
          />
        ) : null}

        {h.canAcknowledge ? (
          <div className="grid grid-cols-1 gap-4 rounded-md border border-blue-200 bg-blue-50/40 p-3 md:grid-cols-[auto_minmax(0,1fr)]">
            <AcknowledgeHandoverForm action={acknowledgeHandoverAction} releaseKey={h.releaseKey} />
            <SendBackHandoverForm action={sendBackHandoverAction} releaseKey={h.releaseKey} />
          </div>
        ) : null}
      </div>
    </Section>
  );
}
