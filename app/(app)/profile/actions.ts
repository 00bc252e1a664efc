'use server';

import { revalidatePath } from 'next/cache';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import { createApiToken, revokeApiToken, type ApiTokenDto, type CreatedApiToken } from '@/lib/server/api-tokens';
import { changeMyPassword, setMyTimeZone } from '@/lib/server/profile';
import { signOut } from '@/lib/server/auth';
import { endAllMySessions, endSession } from '@/lib/server/sessions';

export async function createApiTokenAction(_prev: FormState, form: FormData): Promise<FormState<Pick<CreatedApiToken, 'token' | 'apiToken'>>> {
  const values = {
    name: formText(form, 'name', 200),
    scopes: formList(form, 'scopes', 60),
    expiresInDays: formText(form, 'expiresInDays', 10),
  };
  const result = await createApiToken(values);
  if (result.ok) revalidatePath('/profile');
  // only what the page shows: the token (once) and its row
  const shown = result.ok ? { ok: true as const, data: { token: result.data.token, apiToken: result.data.apiToken } } : result;
  return toFormState(shown, values, (d) => `Created the token ${d.apiToken.name}.`);
}

export async function revokeApiTokenAction(_prev: FormState, form: FormData): Promise<FormState<ApiTokenDto>> {
  const values = { id: formText(form, 'id', 100) };
  const result = await revokeApiToken(values);
  if (result.ok) revalidatePath('/profile');
  return toFormState(result, values, (d) => `Revoked the token ${d.name}. Anything still using it is refused from now on.`);
}

export async function setTimeZoneAction(_prev: FormState, form: FormData): Promise<FormState<{ timeZone: string | null }>> {
  const values = { timeZone: formText(form, 'timeZone', 80) };
  const result = await setMyTimeZone(values);
  if (result.ok) revalidatePath('/profile');
  return toFormState(result, values, (d) =>
    d.timeZone ? `Saved: times are shown to you in ${d.timeZone}.` : 'Saved: times follow your browser’s time zone from your next page.',
  );
}

export async function endSessionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { session: formText(form, 'id', 100) };
  const result = await endSession(values);
  if (result.ok && result.data.current) await signOut({ redirectTo: '/sign-in' });
  if (result.ok) revalidatePath('/profile');
  return toFormState(result, values, 'Session ended: that browser is signed out.');
}

/** Ends every session of yours, this one too, and goes to the sign-in page. */
export async function signOutEverywhereAction(_prev: FormState): Promise<FormState> {
  const result = await endAllMySessions({});
  if (result.ok) await signOut({ redirectTo: '/sign-in' });
  return toFormState(result, {}, 'Signed out everywhere.');
}

/** Changes your password; your other sessions end, this one stays. Passwords are never echoed back. */
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState<{ sessionsEnded: number }>> {
  const result = await changeMyPassword({
    currentPassword: formText(form, 'currentPassword', 1100),
    newPassword: formText(form, 'newPassword', 1100),
    confirmPassword: formText(form, 'confirmPassword', 1100),
  });
  if (result.ok) revalidatePath('/profile');
  return toFormState(result, {}, (d) =>
    d.sessionsEnded
      ? `Password changed. ${d.sessionsEnded} other session${d.sessionsEnded === 1 ? '' : 's'} ended: sign in there with the new password.`
      : 'Password changed. You had no other sessions.',
  );
}
