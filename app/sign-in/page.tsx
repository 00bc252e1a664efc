import type { Metadata } from 'next';
import Image from 'next/image';
import { DemoLogins } from '@/components/auth/demo-logins';
import { SignInForm } from '@/components/auth/sign-in-form';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { SSO_REFUSALS, isSsoRefusal, ssoRefusalMessage } from '@/lib/domain/sso';
import { refusalGroups, signInOptions } from '@/lib/server/sso';
import { signInAction, signInWithSsoAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Why the last single sign-on came back refused (lib/server/sso.ts refusalLocation), or next-auth's error. */
function ssoMessage(params: Record<string, string | string[] | undefined>): string | null {
  const reason = one(params.sso);
  if (isSsoRefusal(reason)) return ssoRefusalMessage(reason, refusalGroups(reason, one(params.groups), one(params.sig)));
  // next-auth's own errors (the provider unreachable or misconfigured, a cancelled or stale sign-on)
  if (one(params.error)) return SSO_REFUSALS.failed;
  return null;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { sso, passwordSignIn } = await signInOptions();
  const refused = sso ? ssoMessage(params) : null;
  const passwordForm = <SignInForm action={signInAction} autoFocus={passwordSignIn} />;
  return (
    <>
      <div className="mb-6 flex items-center gap-2">
        <Image src="/logo.svg" alt="" width={32} height={32} unoptimized loading="eager" className="size-8" />
        <span className="text-lg font-semibold text-gray-900">Relm</span>
      </div>
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-lg font-semibold text-gray-900">Sign in</h1>
        <p className="mb-4 text-sm text-gray-700">Release management for your organisation.</p>
        {sso ? (
          <div className="space-y-4">
            <div data-testid="sso-error">
              <FormError>{refused}</FormError>
            </div>
            <form action={signInWithSsoAction}>
              <SubmitButton className="w-full" pendingText={`Going to ${sso.name}…`} autoFocus={!passwordSignIn}>
                Sign in with {sso.name}
              </SubmitButton>
            </form>
            {passwordSignIn ? (
              <>
                <p className="flex items-center gap-3 text-xs text-gray-700 before:h-px before:flex-1 before:bg-gray-200 after:h-px after:flex-1 after:bg-gray-200">
                  or with your password
                </p>
                {passwordForm}
              </>
            ) : (
              <details className="rounded-md border border-gray-200 p-3 text-sm">
                <summary className="cursor-pointer font-medium text-gray-900">Break-glass admin sign-in</summary>
                <p className="mt-2 mb-3 text-gray-700">Password sign-in is switched off. Only the admins named for emergencies may sign in here.</p>
                {passwordForm}
              </details>
            )}
          </div>
        ) : (
          passwordForm
        )}
      </div>
      {passwordSignIn ? <DemoLogins /> : null}
    </>
  );
}
