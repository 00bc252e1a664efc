'use server';

import { getTranslations } from 'next-intl/server';
import { revalidateRelease } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import type { GateResult } from '@/lib/domain/result';
import { transitionRelease } from '@/lib/server/transitions';

export type TransitionFormState = FormState<{ gates?: GateResult[]; to?: string; version?: number }>;

export async function transitionReleaseAction(_prev: TransitionFormState, form: FormData): Promise<TransitionFormState> {
  const t = await getTranslations('release-page.actions.lifecycle');
  const values = {
    releaseKey: formText(form, 'releaseKey', 20),
    to: formText(form, 'to', 40),
    version: formText(form, 'version', 20),
    reason: formText(form, 'reason', 2_000),
  };
  const result = await transitionRelease({ ...values, reason: values.reason || undefined });
  // a new status: the header, the gates and every part change
  if (result.ok) revalidateRelease(result.data.key);
  const state = toFormState(result, values, (d) => t('moved', { key: d.key, status: d.to.replace(/_/g, ' ') }));
  // a refusal keeps its gates, so the panel can show exactly what blocked the click
  return result.ok ? { ...state, data: { to: result.data.to, version: result.data.version } } : { ...state, data: { gates: result.gates, to: values.to } };
}
