'use server';

import { getTranslations } from 'next-intl/server';
import { revalidateRelease } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { setWatching } from '@/lib/server/watchers';

export async function setWatchingAction(_prev: FormState, form: FormData): Promise<FormState<{ watching: boolean }>> {
  const t = await getTranslations('release-page.actions.watch');
  const releaseKey = formText(form, 'releaseKey', 20);
  const watch = formText(form, 'watch', 10);
  const values = { releaseKey, watch };
  const result = await setWatching({ releaseKey, watch: watch === 'true' ? true : watch === 'false' ? false : watch });
  // the header (every part) shows the toggle
  if (result.ok) revalidateRelease(releaseKey);
  return toFormState(result, values, (d) => (d.watching ? t('watching', { key: d.releaseKey }) : t('notWatching', { key: d.releaseKey })));
}
