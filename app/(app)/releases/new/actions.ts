'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { toFormState, type FormState } from '@/components/forms/form-state';
import { releaseFormValues } from '@/components/release-forms/form-values';
import type { StaleData } from '@/components/release-forms/release-form';
import { createRelease } from '@/lib/server/release-edits';
import { releaseHref } from '@/lib/domain/release-parts';

export async function createReleaseAction(_prev: FormState<StaleData>, form: FormData): Promise<FormState<StaleData>> {
  const values = releaseFormValues(form);
  const result = await createRelease(values);
  if (result.ok) {
    revalidatePath('/releases');
    redirect(releaseHref(result.data.key));
  }
  return toFormState(result, values, '') as FormState<StaleData>;
}
