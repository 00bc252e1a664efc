'use server';

import { cookies } from 'next/headers';
import { AuthError, CredentialsSignin } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { isLocale } from '@/lib/domain/locale';
import { signIn } from '@/lib/server/auth';
import { oidcConfig } from '@/lib/server/env';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from '@/lib/server/locale';
import type { SignInState } from '@/components/auth/sign-in-form';
import { formText } from '@/components/forms/form-state';

/** Signs in and goes to the dashboard; on failure returns the message (in the visitor's language) and the email typed. */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = formText(form, 'email', 254).trim();
  const password = formText(form, 'password', 1024);
  try {
    await signIn('credentials', { email, password, redirectTo: '/' });
  } catch (err) {
    // signIn ends with a redirect (thrown): let it through
    if (!(err instanceof AuthError)) throw err;
    const t = await getTranslations('sign-in.errors');
    const code = err instanceof CredentialsSignin ? err.code : '';
    // lib/server/auth.ts: rate_limited:<account|address>:<minutes>
    const limited = /^rate_limited:(account|address):(\d+)$/.exec(code);
    const message = limited
      ? t(limited[1] === 'account' ? 'rateLimitedAccount' : 'rateLimitedAddress', { minutes: Number(limited[2]) })
      : code === 'password_off'
        ? t('passwordOff')
        : code === 'invalid' || err instanceof CredentialsSignin
          ? t('invalid')
          : t('failed');
    return { email, error: message, at: Date.now() };
  }
  return { email };
}

/** Off to the identity provider (single sign-on); it sends the person back to /api/auth/callback/oidc. */
export async function signInWithSsoAction(): Promise<void> {
  // no button without configuration, but a hand-made post must not reach next-auth's error page either
  if (!oidcConfig()) return;
  await signIn('oidc', { redirectTo: '/' });
}

/**
 * The sign-in page's language switch: remembered in a cookie until the person signs in (their
 * Profile choice, when they make one, wins). The page renders again in that language.
 */
export async function chooseLanguageAction(form: FormData): Promise<void> {
  const locale = formText(form, 'locale', 8);
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: 'lax', httpOnly: true });
}
