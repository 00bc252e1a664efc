'use server';

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
  const input = departureOf(form);
  const result = await joinTrain(input);
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(
    result,
    { releaseKey: input.releaseKey, departure: formText(form, 'departure', 200) },
    (d) => `${d.releaseKey} is on the ${d.train} departure${d.late ? ' (joined late, with the exception)' : ''}.`,
  );
}

export async function leaveTrainAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { releaseKey: formText(form, 'releaseKey', 20) };
  const result = await leaveTrain(values);
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(result, values, (d) => (d.left ? `${d.releaseKey} left the train.` : `${d.releaseKey} was on no train.`));
}

export async function requestLateJoinAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { ...departureOf(form), reason: formText(form, 'reason', 3000) };
  const result = await requestLateJoin(input);
  if (result.ok) refresh(result.data.releaseKey);
  return toFormState(
    result,
    { releaseKey: input.releaseKey, departure: formText(form, 'departure', 200), reason: input.reason },
    (d) => `Late-join exception asked for ${d.releaseKey}: another release manager or an admin must grant it on the train's page, then join.`,
  );
}
