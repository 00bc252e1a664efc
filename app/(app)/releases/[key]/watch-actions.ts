'use server';

import { revalidateRelease } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { setWatching } from '@/lib/server/watchers';

export async function setWatchingAction(_prev: FormState, form: FormData): Promise<FormState<{ watching: boolean }>> {
  const releaseKey = formText(form, 'releaseKey', 20);
  const watch = formText(form, 'watch', 10);
  const values = { releaseKey, watch };
  const result = await setWatching({ releaseKey, watch: watch === 'true' ? true : watch === 'false' ? false : watch });
  // the header (every part) shows the toggle
  if (result.ok) revalidateRelease(releaseKey);
  return toFormState(result, values, (d) =>
    d.watching ? `You are watching ${d.releaseKey}: you will be told of its progress.` : `You no longer watch ${d.releaseKey}.`,
  );
}
