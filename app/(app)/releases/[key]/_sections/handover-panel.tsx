import { getTranslations } from 'next-intl/server';
import { acknowledgeHandoverAction, saveHandoverAction, sendBackHandoverAction } from '../handover-actions';
import { AcknowledgeHandoverForm, HandoverForm, SendBackHandoverForm } from '@/components/handover/handover-forms';
import { Badge, type Tone } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Section } from '@/components/ui/section';
import { When } from '@/components/ui/text';
import { MarkdownText } from '@/components/ui/markdown';
import { getStatusWords } from '@/components/i18n/status-words';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { draftWhatChanged, getHandover } from '@/lib/server/handover';
import { requireUser } from '@/lib/server/session';
import { ClientMessages } from '@/components/i18n/client-messages';

const TONES: Record<string, Tone> = { draft: 'gray', ready: 'blue', questions: 'amber', acknowledged: 'green' };

// what happens next, by the notes' status: release-page.handover.nextStep.<status>
const NEXT_STEPS = ['none', 'draft', 'ready', 'questions', 'acknowledged'] as const;
const nextStepKey = (status: string | null) => NEXT_STEPS.find((s) => s === (status ?? 'none')) ?? 'none';

/** Handover notes for operations: prepare (release managers), acknowledge or send back (operations). */
export async function HandoverPanel({ release, timezone }: { release: ReleaseRef; timezone: string }) {
  const actor = await requireUser();
  const t = await getTranslations('release-page.handover');
  const word = await getStatusWords();
  const h = await getHandover(actor, release);
  if (!h) return null;
  const prefill = h.canPrepare && !h.whatChanged ? await draftWhatChanged(actor, release) : '';
  return (
    <ClientMessages namespaces={['handover']}>
      <Section id="handover" title={t('title')}>
        <div className="space-y-3">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={TONES[h.status ?? ''] ?? 'gray'}>{h.status ? word('handover', h.status) : t('notStarted')}</Badge>
            <span className="text-gray-800">{t(`nextStep.${nextStepKey(h.status)}`)}</span>
          </p>
          {h.preparedBy || h.acknowledgedAt ? (
            <p className="text-sm text-gray-700">
              {h.preparedBy ? <>{t('preparedBy', { name: h.preparedBy })} </> : null}
              {h.acknowledgedAt
                ? t.rich('acknowledgedBy', {
                    name: h.acknowledgedBy ?? t('operations'),
                    when: () => <When iso={h.acknowledgedAt} zone={timezone} />,
                  })
                : null}
            </p>
          ) : null}
          {h.status === 'questions' && h.questions ? (
            <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
              <h3 className="font-semibold">{t('questions')}</h3>
              <MarkdownText text={h.questions} empty="" />
            </div>
          ) : null}

          {h.canPrepare ? (
            <details open={h.status !== 'acknowledged' && h.status !== 'ready'} className="rounded-md border border-gray-200 p-3">
              <summary className="cursor-pointer text-sm font-semibold text-gray-900">{h.status ? t('edit') : t('prepare')}</summary>
              <div className="mt-3">
                {h.status === 'acknowledged' ? <p className="mb-2 text-sm text-amber-900">{t('withdrawsAcknowledgement')}</p> : null}
                <HandoverForm action={saveHandoverAction} releaseKey={h.releaseKey} notes={h} draftWhatChanged={prefill} version={h.version} />
              </div>
            </details>
          ) : null}

          {h.status ? (
            <DescriptionList
              columns={2}
              items={[
                { term: t('notes.whatChanged'), value: <MarkdownText text={h.whatChanged} empty={t('notes.notWritten')} /> },
                { term: t('notes.runbook'), value: <MarkdownText text={h.runbook} empty={t('notes.notWritten')} /> },
                { term: t('notes.monitoring'), value: <MarkdownText text={h.monitoring} empty={t('notes.notWritten')} /> },
                { term: t('notes.knownErrors'), value: <MarkdownText text={h.knownErrors} empty={t('notes.noneListed')} /> },
                { term: t('notes.supportContacts'), value: <MarkdownText text={h.supportContacts} empty={t('notes.noneListed')} /> },
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
    </ClientMessages>
  );
}
