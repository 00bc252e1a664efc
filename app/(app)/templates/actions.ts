'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { renameTemplate, retireTemplate } from '@/lib/server/templates';

export async function renameTemplateAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { templateId: formText(form, 'templateId', 100), name: formText(form, 'name', 500) };
  const result = await renameTemplate(values);
  if (result.ok) revalidatePath('/templates', 'layout');
  const t = await getTranslations('templates.curate');
  return toFormState(result, values, (d) => t('renamed', { name: d.name }));
}

export async function retireTemplateAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { templateId: formText(form, 'templateId', 100), retired: formText(form, 'retired', 10) };
  const result = await retireTemplate(values);
  if (result.ok) revalidatePath('/templates', 'layout');
  const t = await getTranslations('templates.curate');
  return toFormState(result, values, (d) => (d.retired ? t('retired') : t('restored')));
}
