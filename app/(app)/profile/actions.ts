'use server';

import { revalidatePath } from 'next/cache';
import { cookies, headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { negotiateLocale } from '@/lib/domain/locale';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, setMyLocale } from '@/lib/server/locale';
import { formList, formText, toFormState, type FormState } from '@/components/forms/form-state';
import { createApiToken, revokeApiToken, type ApiTokenDto, type CreatedApiToken } from '@/lib/server/api-tokens';
import { changeMyPassword, setMyTimeZone } from '@/lib/server/profile';
import { signOut } from '@/lib/server/auth';
import { setMyTheme } from '@/lib/server/theme';
import { THEME_COOKIE, type Theme } from '@/lib/domain/theme';
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
  const t = await getTranslations('profile.tokens');
  return toFormState(shown, values, (d) => t('create.done', { name: d.apiToken.name }));
}

export async function revokeApiTokenAction(_prev: FormState, form: FormData): Promise<FormState<ApiTokenDto>> {
  const values = { id: formText(form, 'id', 100) };
  const result = await revokeApiToken(values);
  if (result.ok) revalidatePath('/profile');
  const t = await getTranslations('profile.tokens');
  return toFormState(result, values, (d) => t('revoke.done', { name: d.name }));
}

export async function setTimeZoneAction(_prev: FormState, form: FormData): Promise<FormState<{ timeZone: string | null }>> {
  const values = { timeZone: formText(form, 'timeZone', 80) };
  const result = await setMyTimeZone(values);
  if (result.ok) revalidatePath('/profile');
  const t = await getTranslations('profile.timeZone');
  return toFormState(result, values, (d) => (d.timeZone ? t('saved', { timeZone: d.timeZone }) : t('savedBrowser')));
}

export async function setThemeAction(_prev: FormState, form: FormData): Promise<FormState<{ theme: Theme }>> {
  const values = { theme: formText(form, 'theme', 20) };
  const result = await setMyTheme(values);
  if (result.ok) {
    // the sign-in page has no person to read the choice from: this browser remembers it
    (await cookies()).set(THEME_COOKIE, result.data.theme, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400 });
    // every page's <html data-theme>, from the root layout
    revalidatePath('/', 'layout');
  }
  const t = await getTranslations('profile.appearance');
  return toFormState(result, values, (d) => t('saved', { theme: d.theme }));
}

export async function endSessionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { session: formText(form, 'id', 100) };
  const result = await endSession(values);
  if (result.ok && result.data.current) await signOut({ redirectTo: '/sign-in' });
  if (result.ok) revalidatePath('/profile');
  const t = await getTranslations('profile.sessions');
  return toFormState(result, values, t('ended'));
}

/** Ends every session of yours, this one too, and goes to the sign-in page. */
export async function signOutEverywhereAction(_prev: FormState): Promise<FormState> {
  const result = await endAllMySessions({});
  if (result.ok) await signOut({ redirectTo: '/sign-in' });
  const t = await getTranslations('profile.sessions.signOutEverywhere');
  return toFormState(result, {}, t('done'));
}

/** Changes your password; your other sessions end, this one stays. Passwords are never echoed back. */
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState<{ sessionsEnded: number }>> {
  const result = await changeMyPassword({
    currentPassword: formText(form, 'currentPassword', 1100),
    newPassword: formText(form, 'newPassword', 1100),
    confirmPassword: formText(form, 'confirmPassword', 1100),
  });
  if (result.ok) revalidatePath('/profile');
  const t = await getTranslations('profile.password');
  return toFormState(result, {}, (d) => (d.sessionsEnded ? t('changed', { count: d.sessionsEnded }) : t('changedAlone')));
}

/** The language Relm speaks to you; the sign-in page follows it too after you sign out (its cookie). */
export async function setLocaleAction(_prev: FormState, form: FormData): Promise<FormState<{ locale: string | null }>> {
  const values = { locale: formText(form, 'locale', 8) };
  const result = await setMyLocale(values);
  if (!result.ok) return toFormState(result, values, '');
  const jar = await cookies();
  if (result.data.locale) jar.set(LOCALE_COOKIE, result.data.locale, { path: '/', maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: 'lax', httpOnly: true });
  else jar.delete(LOCALE_COOKIE);
  revalidatePath('/', 'layout');
  // said in the language just chosen, not the one the form was sent in
  const locale = result.data.locale === 'en' || result.data.locale === 'fr' ? result.data.locale : negotiateLocale((await headers()).get('accept-language'));
  const t = await getTranslations({ locale, namespace: 'language.profile' });
  return toFormState(result, values, result.data.locale ? t('saved') : t('savedBrowser'));
}
