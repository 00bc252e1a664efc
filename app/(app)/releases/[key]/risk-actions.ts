'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePart } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { setNoKnownRisks } from '@/lib/server/release-edits';
import { addRisk, removeRisk, updateRisk } from '@/lib/server/risks';

function riskValues(form: FormData) {
  return {
    title: formText(form, 'title', 500),
    description: formText(form, 'description', 10_000),
    likelihood: formText(form, 'likelihood', 10),
    impact: formText(form, 'impact', 10),
    mitigation: formText(form, 'mitigation', 10_000),
    ownerId: formText(form, 'ownerId', 100),
    status: formText(form, 'status', 40),
  };
}

const refresh = (key: string) => revalidatePart(key, 'risks');

export async function addRiskAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.risk');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { ...riskValues(form), releaseKey };
  const result = await addRisk(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, (d) => t('added', { title: values.title.trim(), score: d.score }));
}

export async function updateRiskAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.risk');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { ...riskValues(form), riskId: formText(form, 'riskId', 100) };
  const result = await updateRisk(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, (d) => t('saved', { title: values.title.trim(), score: d.score }));
}

export async function removeRiskAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.risk');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { riskId: formText(form, 'riskId', 100) };
  const result = await removeRisk(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, t('removed'));
}

export async function setNoKnownRisksAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.risk');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = {
    releaseKey,
    version: formText(form, 'version', 20),
    noKnownRisks: formText(form, 'noKnownRisks', 10),
    statement: formText(form, 'statement', 5_000),
  };
  const result = await setNoKnownRisks(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, (d) => (d.noKnownRisks ? t('noKnownRisks') : t('noKnownRisksWithdrawn')));
}
