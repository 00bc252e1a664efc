'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { releaseHref } from '@/lib/domain/release-parts';
import { copyRelease, saveReleaseAsTemplate } from '@/lib/server/templates';

export async function saveAsTemplateAction(_prev: FormState, form: FormData): Promise<FormState<{ templateId: string; version: number }>> {
  const t = await getTranslations('release-page.actions.template');
  const values = { releaseKey: formText(form, 'releaseKey', 20), name: formText(form, 'name', 500), description: formText(form, 'description', 2_000) };
  const result = await saveReleaseAsTemplate(values);
  if (result.ok) revalidatePath('/templates');
  return toFormState(result, values, (d) => (d.created ? t('created', { name: d.name }) : t('newVersion', { name: d.name, version: d.version })));
}

export async function copyReleaseAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { releaseKey: formText(form, 'releaseKey', 20), title: formText(form, 'title', 500) };
  const result = await copyRelease(values);
  if (result.ok) {
    revalidatePath('/releases');
    redirect(releaseHref(result.data.key));
  }
  return toFormState(result, values, '');
}
