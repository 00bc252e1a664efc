import { getTranslations, getLocale } from 'next-intl/server';
import { addActionItemAction, saveReviewAction, updateActionItemAction, updateMyActionItemStatusAction } from '../review-actions';
import { ActionItemForm, MyItemStatusForm, ReviewForm } from '@/components/review/review-forms';
import { ClientMessages } from '@/components/i18n/client-messages';
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
import { getStatusWords } from '@/components/i18n/status-words';
import { localize } from '@/lib/server/say';
import type { Locale } from '@/lib/domain/locale';

// reasons one after the other, as each language punctuates them
const CLAUSES: Record<Locale, string> = { en: '; ', fr: '\u202f; ' };

const OUTCOME_TONES: Record<string, Tone> = { successful: 'green', partially_successful: 'amber', failed: 'red' };
// each outcome's words, by its key in review.form.outcomes
const OUTCOME_KEYS: Record<string, 'successful' | 'partiallySuccessful' | 'failed'> = {
  successful: 'successful',
  partially_successful: 'partiallySuccessful',
  failed: 'failed',
};
const ITEM_TONES: Record<string, Tone> = { open: 'blue', in_progress: 'amber', done: 'green', cancelled: 'stone' };

/** The post-release review: whether it is required and why, the form for release managers, and its action items. */
export async function ReviewPanel({ release, timezone }: { release: ReleaseRef; timezone: string }) {
  const t = await getTranslations('review');
  const word = await getStatusWords();
  const actor = await requireUser();
  const v = await getReview(actor, release);
  if (!v) return null;
  const complete = !!v.completedAt;
  const locale = await getLocale();
  const reasons = v.reasons.map((r) => localize(r, locale)).join(CLAUSES[locale]);
  return (
    <Section id="review" title={t('panel.title')} count={v.actionItems.length || undefined}>
      {/* the forms below are client components: they get the review namespace's words */}
      <ClientMessages namespaces={['review']}>
        <div className="space-y-3">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            {complete ? (
              <Badge tone="green">{t('panel.complete')}</Badge>
            ) : v.started ? (
              <Badge tone="amber">{t('panel.inProgress')}</Badge>
            ) : (
              <Badge tone="gray">{t('panel.notStarted')}</Badge>
            )}
            {v.outcome ? (
              <Badge tone={OUTCOME_TONES[v.outcome] ?? 'gray'}>
                {OUTCOME_KEYS[v.outcome] ? t(`form.outcomes.${OUTCOME_KEYS[v.outcome]!}`) : humanize(v.outcome)}
              </Badge>
            ) : null}
            {v.required ? (
              <span className="text-gray-800">{complete ? t('panel.required', { reasons }) : t('panel.requiredOpen', { reasons })}</span>
            ) : (
              <span className="text-gray-700">{t('panel.notRequired')}</span>
            )}
          </p>
          {complete ? (
            <p className="text-sm text-gray-700">
              {t.rich(v.completedBy ? 'panel.completedBy' : 'panel.completed', {
                by: v.completedBy ?? '',
                when: () => <When iso={v.completedAt} zone={timezone} />,
              })}
            </p>
          ) : null}

          {v.canEdit ? (
            <details open={!complete} className="rounded-md border border-gray-200 p-3">
              <summary className="cursor-pointer text-sm font-semibold text-gray-900">{v.started ? t('panel.edit') : t('panel.write')}</summary>
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
              {['deployed', 'rolled_back', 'handed_over', 'in_review'].includes(v.releaseStatus) ? t('panel.notWritten') : t('panel.afterDeployment')}
            </Nothing>
          ) : null}

          {v.started ? (
            <DescriptionList
              columns={2}
              items={[
                {
                  term: t('panel.objectivesMet'),
                  value: (
                    <>
                      {v.objectivesMet === null ? t('panel.notAssessed') : v.objectivesMet ? t('form.objectives.yes') : t('form.objectives.no')}
                      {v.objectivesNotes ? <span className="block text-gray-800">{v.objectivesNotes}</span> : null}
                    </>
                  ),
                },
                { term: t('panel.incidents'), value: <MarkdownText text={v.incidents} empty={t('panel.noIncidents')} /> },
                { term: t('panel.wentWell'), value: <MarkdownText text={v.wentWell} empty={t('panel.notWrittenYet')} /> },
                { term: t('panel.wentBadly'), value: <MarkdownText text={v.wentBadly} empty={t('panel.notWrittenYet')} /> },
              ]}
            />
          ) : null}

          <div className="space-y-2">
            <h3 className="text-sm font-semibold text-gray-900">{t('panel.items')}</h3>
            {v.actionItems.length ? (
              <Table caption={t('panel.itemsCaption')}>
                <THead>
                  <tr>
                    <Th>{t('panel.columns.action')}</Th>
                    <Th>{t('panel.columns.owner')}</Th>
                    <Th>{t('panel.columns.due')}</Th>
                    <Th>{t('panel.columns.status')}</Th>
                    <Th>
                      <span className="sr-only">{t('panel.columns.changes')}</span>
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
                            {t('panel.overdue')}
                          </Badge>
                        ) : null}
                      </Td>
                      <Td>
                        <Badge tone={ITEM_TONES[i.status] ?? 'gray'}>{word('actionItem', i.status)}</Badge>
                      </Td>
                      <Td className="min-w-40">
                        {i.mine ? (
                          <MyItemStatusForm action={updateMyActionItemStatusAction} releaseKey={v.releaseKey} itemId={i.id} status={i.status} label={i.title} />
                        ) : null}
                        {v.canAddItems ? (
                          <details>
                            <summary className="cursor-pointer text-sm text-blue-800 underline">
                              {t.rich('panel.editItem', { title: i.title, sr: (c) => <span className="sr-only">{c}</span> })}
                            </summary>
                            <div className="mt-2 min-w-[36rem]">
                              <ActionItemForm
                                action={updateActionItemAction}
                                releaseKey={v.releaseKey}
                                item={i}
                                users={v.users}
                                submitLabel={t('panel.saveItem')}
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
              <Nothing>{t('panel.noItems')}</Nothing>
            )}
            {v.canAddItems ? (
              <details className="rounded-md border border-gray-200 p-3">
                <summary className="cursor-pointer text-sm font-semibold text-gray-900">{t('panel.addItem')}</summary>
                <div className="mt-3">
                  <ActionItemForm action={addActionItemAction} releaseKey={v.releaseKey} users={v.users} submitLabel={t('panel.addItemSubmit')} />
                </div>
              </details>
            ) : null}
          </div>
        </div>
      </ClientMessages>
    </Section>
  );
}
