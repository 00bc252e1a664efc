'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { revalidatePart } from './_lib/revalidate';
import { formList, formText, toFormState, type FormState, type FormValues } from '@/components/forms/form-state';
import { acknowledgeConflict, scheduleRelease, type ScheduleResult } from '@/lib/server/scheduling';

// the overview shows the window and its countdown
const refresh = (key: string) => {
  revalidatePart(key, 'schedule', 'overview');
  revalidatePath('/calendar');
};

type ScheduleT = Awaited<ReturnType<typeof getTranslations<'release-page.actions.schedule'>>>;

function summary(t: ScheduleT, d: ScheduleResult): string {
  const open = d.check.problems.filter((p) => !p.acknowledged).length;
  if (open === 0) return t('saved', { key: d.key });
  return t('savedWithProblems', { key: d.key, count: open });
}

/** The field errors of `windows.<i>.<field>` moved onto the form's `<field>:<environment>` inputs. */
function remapErrors(state: FormState, environments: string[]): FormState {
  if (!state.fieldErrors) return state;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(state.fieldErrors)) {
    const m = /^windows\.(\d+)\.(start|end|environment)$/.exec(k);
    const env = m ? environments[Number(m[1])] : undefined;
    const key = m && env !== undefined ? `${m[2] === 'environment' ? 'start' : m[2]}:${env}` : k;
    (out[key] ??= []).push(...v);
  }
  return { ...state, fieldErrors: out };
}

export async function saveScheduleAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.schedule');
  const releaseKey = formText(form, 'releaseKey', 20);
  const environments = formList(form, 'environment', 20);
  const values: FormValues = { releaseKey, version: formText(form, 'version', 20), timezone: formText(form, 'timezone', 64) };
  for (const env of environments) {
    values[`start:${env}`] = formText(form, `start:${env}`, 30);
    values[`end:${env}`] = formText(form, `end:${env}`, 30);
  }
  const result = await scheduleRelease({
    releaseKey,
    version: values.version,
    timezone: values.timezone || undefined,
    windows: environments.map((env) => ({ environment: env, start: values[`start:${env}`], end: values[`end:${env}`] })),
  });
  if (result.ok) refresh(releaseKey);
  return remapErrors(
    toFormState(result, values, (d) => summary(t, d)),
    environments,
  );
}

export async function takeSlotAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.schedule');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = {
    releaseKey,
    version: formText(form, 'version', 20),
    timezone: formText(form, 'timezone', 64),
    environment: formText(form, 'environment', 64),
    start: formText(form, 'start', 30),
    end: formText(form, 'end', 30),
  };
  const result = await scheduleRelease({
    releaseKey,
    version: values.version,
    timezone: values.timezone || undefined,
    windows: [{ environment: values.environment, start: values.start, end: values.end }],
  });
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, (d) =>
    t('slotTaken', { environment: values.environment, start: values.start.replace('T', ' '), end: values.end.replace('T', ' '), summary: summary(t, d) }),
  );
}

export async function acknowledgeConflictAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.schedule');
  const releaseKey = formText(form, 'releaseKey', 20);
  const values = {
    releaseKey,
    otherReleaseKey: formText(form, 'otherReleaseKey', 20),
    kind: formText(form, 'kind', 20),
    environment: formText(form, 'environment', 64),
    component: formText(form, 'component', 200),
    reason: formText(form, 'reason', 2_100),
  };
  const result = await acknowledgeConflict(values);
  if (result.ok) refresh(releaseKey);
  return toFormState(result, values, (d) => t('conflictAcknowledged', { kind: d.kind, other: d.otherReleaseKey }));
}
