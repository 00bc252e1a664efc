'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { fieldErrorsOf } from '@/lib/server/action';
import { parseWorkItemLines } from '@/lib/domain/work-items';
import { recordBuild, RecordBuildSchema } from '@/lib/server/builds';
import { localizeFieldErrors } from '@/lib/server/say';
import { readerLocale } from '@/app/_lib/reader-locale';

/** "2026-11-23T14:05" or "2026-11-23 14:05:30" (no offset) is read as UTC. */
function builtAtFromForm(text: string): string {
  const t = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?$/.exec(t);
  return m ? `${m[1]}T${m[2]}${m[3] ?? ':00'}Z` : t;
}

export async function recordBuildAction(_prev: FormState, form: FormData): Promise<FormState> {
  // permission before the work-item lines are read: their errors are for those who may record builds
  const refused = await recordBuild.refusal();
  if (refused) return toFormState(refused, {}, '');
  const values = {
    component: formText(form, 'component', 200),
    version: formText(form, 'version', 300),
    artifactDigest: formText(form, 'artifactDigest', 300),
    sourceRepo: formText(form, 'sourceRepo', 1000),
    sourceCommit: formText(form, 'sourceCommit', 300),
    sourceBranch: formText(form, 'sourceBranch', 600),
    producedBy: formText(form, 'producedBy', 500),
    builtAt: formText(form, 'builtAt', 100),
    notes: formText(form, 'notes', 25_000),
    workItems: formText(form, 'workItems', 60_000),
  };
  const parsed = parseWorkItemLines(values.workItems);
  const input = { ...values, builtAt: builtAtFromForm(values.builtAt), workItems: parsed.items };

  if (parsed.errors.length) {
    // report the other fields' problems in the same round trip; nothing is written here
    const others = RecordBuildSchema.safeParse({ ...input, workItems: [] });
    const fieldErrors = { ...(others.success ? {} : fieldErrorsOf(others.error)), workItems: parsed.errors };
    const t = await getTranslations('builds.record');
    // the lines' problems are sentences of lib/domain/work-items.ts, said in English
    return { status: 'error', message: t('needsAttention'), fieldErrors: localizeFieldErrors(fieldErrors, await readerLocale()), values, at: Date.now() };
  }

  const result = await recordBuild(input);
  if (!result.ok) {
    const t = await getTranslations('builds.record');
    // "workItems.3.url" → the textarea, naming the line
    const fieldErrors: Record<string, string[]> = {};
    for (const [key, messages] of Object.entries(result.fieldErrors ?? {})) {
      const m = /^workItems\.(\d+)\./.exec(key);
      if (m) (fieldErrors.workItems ??= []).push(...messages.map((msg) => t('lineError', { line: parsed.lines[Number(m[1])] ?? '?', message: msg })));
      else fieldErrors[key] = messages;
    }
    return toFormState({ ...result, fieldErrors }, values, '');
  }
  revalidatePath('/builds');
  revalidatePath(`/components/${encodeURIComponent(result.data.build.component.name)}`);
  redirect(`/builds/${result.data.build.id}?${result.data.created ? 'recorded' : 'existing'}=1`);
}
