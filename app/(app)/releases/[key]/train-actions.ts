'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { revalidatePart } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { joinTrain, leaveTrain, requestLateJoin } from '@/lib/server/trains';

// A release joining or leaving a train's departure (lib/server/trains.ts).

function departureOf(form: FormData) {
  const [trainId = '', departureAt = ''] = formText(form, 'departure', 200).split('|');
  return { releaseKey: formText(form, 'releaseKey', 20), trainId, departureAt };
}

function refresh(key: string) {
  revalidatePart(key, 'overview');
  revalidatePath('/trains', 'layout');
}

export async function joinTrainAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.train');
  const input = departureOf(form);
  const result = await joinTrain(input);
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(result, { releaseKey: input.releaseKey, departure: formText(form, 'departure', 200) }, (d) =>
    d.late ? t('joinedLate', { key: d.releaseKey, train: d.train }) : t('joined', { key: d.releaseKey, train: d.train }),
  );
}

export async function leaveTrainAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.train');
  const values = { releaseKey: formText(form, 'releaseKey', 20) };
  const result = await leaveTrain(values);
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(result, values, (d) => (d.left ? t('left', { key: d.releaseKey }) : t('onNoTrain', { key: d.releaseKey })));
}

export async function requestLateJoinAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.train');
  const input = { ...departureOf(form), reason: formText(form, 'reason', 3000) };
  const result = await requestLateJoin(input);
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(result, { releaseKey: input.releaseKey, departure: formText(form, 'departure', 200), reason: input.reason }, (d) =>
    t('lateJoinAsked', { key: d.releaseKey }),
  );
}
