'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formText, type FormState, type FormValues } from '@/components/forms/form-state';
import { parsePolicy } from '@/lib/domain/policy';
import { errorsForForm, policyFromFormValues } from '@/lib/domain/policy-form';
import { readerLocale } from '@/app/_lib/reader-locale';
import { updatePolicy } from '@/lib/server/policy';
import { localize, localizeFieldErrors } from '@/lib/server/say';

/** Every policy field of the form, as strings (repeated names become lists); capped against hostile posts. */
function policyValues(form: FormData): FormValues {
  const out: FormValues = {};
  if (typeof FormData === 'undefined' || !(form instanceof FormData)) return out;
  let n = 0;
  for (const [name, value] of form.entries()) {
    if (++n > 2_000) break;
    if (typeof value !== 'string' || name.startsWith('$') || !/^[A-Za-z][\w.]{0,120}$/.test(name)) continue;
    const v = value.slice(0, 5_000);
    const prev = out[name];
    out[name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v].slice(0, 50) : [prev, v];
  }
  return out;
}

export async function updatePolicyAction(_prev: FormState, form: FormData): Promise<FormState> {
  // permission first: someone who may not edit the policy learns nothing about how the form would be judged
  const refused = await updatePolicy.refusal();
  if (refused) return { status: 'error', message: refused.message, at: Date.now() };
  const t = await getTranslations('admin-policy.actions');
  const values = policyValues(form);
  const note = formText(form, 'note', 2_000);
  const basedOnVersion = formText(form, 'basedOnVersion', 20);
  const { document, errors, rowMap } = policyFromFormValues(values);
  if (Object.keys(errors).length) {
    // numbers that are not numbers: report them with whatever else the schema finds, save nothing
    const parsed = parsePolicy(document);
    return {
      status: 'error',
      message: t('hasErrors'),
      fieldErrors: {
        ...localizeFieldErrors({ ...(parsed.ok ? {} : errorsForForm(parsed.errors, rowMap)), ...errors }, await readerLocale()),
        ...(note.trim().length < 3 ? { note: [t('noteRequired')] } : {}),
      },
      values,
      at: Date.now(),
    };
  }
  const result = await updatePolicy({ basedOnVersion, note, document });
  if (result.ok) {
    revalidatePath('/admin/policy');
    revalidatePath('/policy');
    const { version, changes } = result.data;
    const locale = await readerLocale();
    const shown = changes
      .slice(0, 3)
      .map((c) => localize(c, locale))
      .join(locale === 'fr' ? '\u202f; ' : '; ');
    return {
      status: 'ok',
      message: changes.length > 3 ? t('savedMore', { version, changes: shown, more: changes.length - 3 }) : t('saved', { version, changes: shown }),
      at: Date.now(),
    };
  }
  // a stale form: show the newer version's number (the page reloads its data), keep what was typed
  if (result.code === 'stale') revalidatePath('/admin/policy');
  return {
    status: 'error',
    message: result.message,
    fieldErrors: result.fieldErrors ? errorsForForm(result.fieldErrors, rowMap) : undefined,
    values,
    requestId: result.requestId,
    at: Date.now(),
  };
}
