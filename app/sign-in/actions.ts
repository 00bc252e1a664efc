'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from '@/lib/server/auth';
import { oidcConfig } from '@/lib/server/env';
import { PASSWORD_OFF } from '@/lib/server/sign-in';
import type { SignInState } from '@/components/auth/sign-in-form';
import { formText } from '@/components/forms/form-state';

/** Signs in and goes to the dashboard; on failure returns the message and the email typed. */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = formText(form, 'email', 254).trim();
  const password = formText(form, 'password', 1024);
  try {
    await signIn('credentials', { email, password, redirectTo: '/' });
  } catch (err) {
    // signIn ends with a redirect (thrown): let it through
    if (!(err instanceof AuthError)) throw err;
    const code = err instanceof CredentialsSignin ? err.code : '';
    const message = code.startsWith('rate_limited:')
      ? code.slice('rate_limited:'.length)
      : code === 'password_off'
        ? PASSWORD_OFF
        : code === 'invalid' || err instanceof CredentialsSignin
          ? 'The email or password is not right.'
          : 'Signing in did not work just now. Try again in a moment.';
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
