'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { revalidatePart, revalidateRelease } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { addVerification, recordDeployment, updateDeploymentStatus } from '@/lib/server/deployments';

// recording a deployment or its outcome can move the release (deploying, deployed):
// the header and every part change; a verification only changes this part
const refresh = (key: string, statusMayChange: boolean) => {
  if (statusMayChange) revalidateRelease(key);
  else revalidatePart(key, 'deployments');
  revalidatePath('/');
};

export async function recordDeploymentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.deployment');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = {
    releaseKey,
    environment: formText(form, 'environment', 100),
    status: formText(form, 'status', 20) || 'in_progress',
    externalRef: formText(form, 'externalRef', 500),
    notes: formText(form, 'notes', 4_000),
  };
  const result = await recordDeployment(values);
  if (result.ok) refresh(releaseKey, true);
  return toFormState(result, values, (d) => t('recorded', { environment: d.environment, status: d.status.replace('_', ' ') }));
}

export async function updateDeploymentStatusAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.deployment');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = { id: formText(form, 'id', 64), status: formText(form, 'status', 20), notes: formText(form, 'notes', 4_000) };
  const result = await updateDeploymentStatus(values);
  if (result.ok) refresh(releaseKey, true);
  return toFormState(result, values, (d) => t('statusChanged', { environment: d.environment, status: d.status.replace('_', ' ') }));
}

export async function addVerificationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.deployment');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = {
    deploymentId: formText(form, 'deploymentId', 64),
    name: formText(form, 'name', 200),
    status: formText(form, 'status', 20),
    evidenceUrl: formText(form, 'evidenceUrl', 2_000),
    details: formText(form, 'details', 4_000),
  };
  const result = await addVerification(values);
  if (result.ok) refresh(releaseKey, false);
  return toFormState(result, values, (d) => t('verification', { name: d.name, status: d.status }));
}
