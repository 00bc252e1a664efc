'use server';

import { revalidatePath } from 'next/cache';
import { releaseHref } from '@/lib/domain/release-parts';
import { revalidateRelease } from './_lib/revalidate';
import { redirect } from 'next/navigation';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { releaseFormValues } from '@/components/release-forms/form-values';
import type { StaleData } from '@/components/release-forms/release-form';
import { releaseEditConflict, updateRelease } from '@/lib/server/release-edits';
import { currentUser } from '@/lib/server/session';

export async function updateReleaseAction(_prev: FormState<StaleData>, form: FormData): Promise<FormState<StaleData>> {
  const key = formText(form, 'key', 20);
  const values = { ...releaseFormValues(form), key, version: formText(form, 'version', 20) };
  const result = await updateRelease(values);
  if (result.ok) {
    // title, window, environments…: the header and the overview of every part
    revalidateRelease(result.data.key);
    revalidatePath('/releases');
    redirect(releaseHref(result.data.key));
  }
  const state: FormState<StaleData> = toFormState(result, values, '') as FormState<StaleData>;
  if (result.code === 'stale') {
    // show what is stored now beside the kept input, field by field, and carry the new version
    const conflict = await releaseEditConflict(await currentUser(), key, values).catch(() => null);
    if (conflict) state.data = conflict;
  }
  return state;
}
