'use server';

import { getTranslations } from 'next-intl/server';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import { executeBackout, MAX_STEPS, MAX_TARGETS, recordRehearsal, saveBackoutPlan } from '@/lib/server/backout';
import { revalidatePart, revalidateRelease } from './_lib/revalidate';

/** Repeated fields of one form as strings, keeping long text (formList cuts at 200 characters). */
function formTexts(form: FormData, name: string, maxItems: number, maxLength: number): string[] {
  if (!(form instanceof FormData)) return [];
  return form
    .getAll(name)
    .slice(0, maxItems)
    .map((v) => (typeof v === 'string' ? v.slice(0, maxLength) : ''));
}

export async function saveBackoutPlanAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.backout');
  const releaseKey = formText(form, 'releaseKey', 20);
  const stepDescription = formTexts(form, 'stepDescription', MAX_STEPS + 1, 1_100);
  const stepMinutes = formTexts(form, 'stepMinutes', MAX_STEPS + 1, 20);
  const targetComponent = formList(form, 'targetComponent', MAX_TARGETS + 1);
  const targetBuild = formList(form, 'targetBuild', MAX_TARGETS + 1);
  // rows left entirely blank (an added row not filled in) are dropped, here and in
  // the values sent back, so each error lines up with the row it is about
  const keep = stepDescription.map((d, i) => d.trim() !== '' || (stepMinutes[i] ?? '').trim() !== '');
  const descriptions = stepDescription.filter((_, i) => keep[i]);
  const minutes = stepDescription.map((_, i) => stepMinutes[i] ?? '').filter((_, i) => keep[i]);
  const values = {
    releaseKey,
    version: formText(form, 'version', 20),
    expectedDurationMinutes: formText(form, 'expectedDurationMinutes', 20),
    triggerCriteria: formText(form, 'triggerCriteria', 4_100),
    stepDescription: descriptions,
    stepMinutes: minutes,
    targetComponent,
    targetBuild,
  };
  const steps = descriptions.map((description, i) => ({ description, expectedMinutes: minutes[i]?.trim() || '0' }));
  const result = await saveBackoutPlan({
    releaseKey,
    version: values.version,
    expectedDurationMinutes: values.expectedDurationMinutes,
    triggerCriteria: values.triggerCriteria,
    steps,
    targets: targetComponent.map((component, i) => ({ component, buildId: targetBuild[i] ?? '' })),
  });
  if (result.ok) revalidatePart(releaseKey, 'backout');
  return toFormState(result, values, (d) =>
    d.untargeted.length ? t('savedUntargeted', { components: d.untargeted.join(', ') }) : t('saved', { count: d.targets.length }),
  );
}

export async function recordRehearsalAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.backout');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { releaseKey, at: formText(form, 'at', 40), result: formText(form, 'result', 40), notes: formText(form, 'notes', 4_100) };
  const result = await recordRehearsal(values);
  if (result.ok) revalidatePart(releaseKey, 'backout');
  return toFormState(result, values, t('rehearsal'));
}

export async function executeBackoutAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.backout');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { releaseKey, environment: formText(form, 'environment', 100), reason: formText(form, 'reason', 2_100) };
  const refused = await executeBackout.refusal();
  if (refused) return toFormState(refused, values, '');
  if (formText(form, 'confirm', 10) !== 'yes') {
    return {
      status: 'error',
      message: t('confirm.message'),
      fieldErrors: { confirm: [t('confirm.field')] },
      values,
      at: Date.now(),
    };
  }
  const result = await executeBackout(values);
  // a back-out rolls the release back: its status, header and every part change
  // a back-out rolls the release back: status, header and every part change
  if (result.ok) revalidateRelease(releaseKey);
  return toFormState(result, values, (d) => t('executed', { key: d.key, environment: d.environment }));
}
