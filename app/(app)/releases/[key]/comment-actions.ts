'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { revalidatePart } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { addComment, editComment } from '@/lib/server/comments';

// The release discussion's forms (docs/decisions/042-release-discussion-and-mentions.md).

export async function addCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.comment');
  const releaseKey = formText(form, 'releaseKey', 20);
  const body = formText(form, 'body', 12_000);
  const kind = formText(form, 'kind', 20) || 'comment';
  const values = { releaseKey, body, kind };
  const result = await addComment({ releaseKey, body, kind });
  if (result.ok) {
    revalidatePart(releaseKey, 'discussion');
    if (kind === 'question') revalidatePath(`/approvals/${result.data.releaseKey}`);
  }
  return toFormState(result, values, (d) => {
    const told = d.mentioned.length ? ` ${t('told', { names: d.mentioned.join(', '), count: d.mentioned.length })}` : '';
    return (d.kind === 'question' ? t('questionPosted') : t('posted')) + told;
  });
}

export async function editCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.comment');
  const releaseKey = formText(form, 'releaseKey', 20);
  const commentId = formText(form, 'commentId', 40);
  const body = formText(form, 'body', 12_000);
  const version = formText(form, 'version', 12);
  const values = { releaseKey, commentId, body, version };
  const result = await editComment({ commentId, body, version });
  if (result.ok) revalidatePart(result.data.releaseKey, 'discussion');
  return toFormState(result, values, (d) => (d.changed ? t('changed') : t('unchanged')));
}
