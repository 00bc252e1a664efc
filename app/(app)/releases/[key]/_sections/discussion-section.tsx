import { useTranslations } from 'next-intl';
import { Markdown } from '@/components/ui/markdown';
import { CommentForm, EditCommentForm } from '@/components/discussion/comment-forms';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { When } from '@/components/ui/text';
import type { Discussion } from '@/lib/server/comments';
import { addCommentAction, editCommentAction } from '../comment-actions';
import { ClientMessages } from '@/components/i18n/client-messages';

/**
 * The discussion thread of a release, oldest first (docs/decisions/042-release-discussion-and-mentions.md):
 * each comment with its author and time, "edited" with the earlier texts in a disclosure, the
 * author's edit form, and the form for a new comment. Comments are never deleted.
 */
export function DiscussionSection({ releaseKey, zone, d }: { releaseKey: string; zone: string; d: Discussion }) {
  const t = useTranslations('release-page.discussion');
  return (
    <ClientMessages namespaces={['discussion']}>
      <Section id="discussion" title={t('title')} count={d.comments.length} bare>
        {d.comments.length ? (
          <ol className="space-y-3" aria-label={t('listLabel')}>
            {d.comments.map((c) => (
              <li key={c.id} id={`comment-${c.id}`} className="scroll-mt-4 rounded-md border border-gray-200 bg-white p-3">
                <article aria-labelledby={`comment-${c.id}-by`}>
                  <header className="mb-1 flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-xs text-gray-700">
                    <span id={`comment-${c.id}-by`} className="text-sm font-semibold text-gray-900">
                      {c.author.name}
                      {c.kind === 'question' ? <span className="sr-only">{t('asked')}</span> : null}
                    </span>
                    {c.kind === 'question' ? <span className="rounded-full bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">{t('question')}</span> : null}
                    <When iso={c.createdAt.toISOString()} zone={zone} />
                    {c.editedAt ? (
                      <span data-testid="comment-edited">{t.rich('edited', { when: () => <When iso={c.editedAt!.toISOString()} zone={zone} /> })}</span>
                    ) : null}
                  </header>
                  <Markdown text={c.body} mentions={d.mentionHandles} />
                  {c.edits.length ? (
                    <details className="mt-2 text-xs">
                      <summary className="cursor-pointer text-gray-800 underline">{t('earlierTexts', { count: c.edits.length })}</summary>
                      <ol className="mt-1 space-y-2 border-l-2 border-gray-200 pl-3">
                        {c.edits.map((e, i) => (
                          <li key={i}>
                            <p className="text-gray-700">
                              {t.rich('writtenReplaced', {
                                written: () => <When iso={e.writtenAt.toISOString()} zone={zone} />,
                                replaced: () => <When iso={e.replacedAt.toISOString()} zone={zone} />,
                              })}
                            </p>
                            <Markdown text={e.body} mentions={d.mentionHandles} className="space-y-2 text-sm break-words text-gray-800" />
                          </li>
                        ))}
                      </ol>
                    </details>
                  ) : null}
                  {c.mine && d.canWrite ? (
                    // a new version (the edit saved) closes the form again
                    <details key={c.version} className="mt-2 text-sm">
                      <summary className="cursor-pointer text-blue-800 underline">
                        {t.rich('edit', { sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                      </summary>
                      <EditCommentForm releaseKey={releaseKey} commentId={c.id} body={c.body} version={c.version} action={editCommentAction} />
                    </details>
                  ) : null}
                </article>
              </li>
            ))}
          </ol>
        ) : (
          <div className="rounded-md border border-gray-200 bg-white p-3">
            <Nothing>{t('none')}</Nothing>
          </div>
        )}
        {d.canWrite ? (
          <div className="mt-4 rounded-md border border-gray-200 bg-white p-3">
            <CommentForm releaseKey={releaseKey} action={addCommentAction} />
            <p className="mt-2 text-xs text-gray-700">{t('editNote')}</p>
          </div>
        ) : (
          <p className="mt-3 text-sm text-gray-700">{t('readOnly')}</p>
        )}
      </Section>
    </ClientMessages>
  );
}
