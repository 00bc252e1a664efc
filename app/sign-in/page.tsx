import type { Metadata } from 'next';
import Image from 'next/image';
import { getTranslations } from 'next-intl/server';
import { DemoLogins } from '@/components/auth/demo-logins';
import { LanguageSwitch } from '@/components/auth/language-switch';
import { SignInForm } from '@/components/auth/sign-in-form';
import { ClientMessages } from '@/components/i18n/client-messages';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { isSsoRefusal } from '@/lib/domain/sso';
import { DEMO_PASSWORD, demoAccounts } from '@/lib/server/demo-accounts';
import { currentLocale } from '@/lib/server/locale';
import { refusalGroups, signInOptions } from '@/lib/server/sso';
import { chooseLanguageAction, signInAction, signInWithSsoAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('sign-in');
  return { title: t('title') };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Why the last single sign-on came back refused (lib/server/sso.ts refusalLocation), or next-auth's error. */
async function ssoMessage(params: Record<string, string | string[] | undefined>): Promise<string | null> {
  const t = await getTranslations('sign-in.sso.refusals');
  const reason = one(params.sso);
  if (isSsoRefusal(reason)) {
    switch (reason) {
      case 'no_role': {
        const groups = refusalGroups(reason, one(params.groups), one(params.sig));
        return groups?.length ? t('noRoleGroups', { groups: groups.join(', ') }) : t('noRoleNoGroups');
      }
      case 'disabled':
        return t('disabled');
      case 'no_email':
        return t('noEmail');
      case 'email_unverified':
        return t('emailUnverified');
      case 'linked_elsewhere':
        return t('linkedElsewhere');
      case 'failed':
        return t('failed');
    }
  }
  // next-auth's own errors (the provider unreachable or misconfigured, a cancelled or stale sign-on)
  if (one(params.error)) return t('failed');
  return null;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const [{ sso, passwordSignIn }, t, locale] = await Promise.all([signInOptions(), getTranslations('sign-in'), currentLocale()]);
  const refused = sso ? await ssoMessage(params) : null;
  // the demo organisation's accounts, where it was seeded and password sign-in is open to them
  const demo = passwordSignIn ? await demoAccounts() : [];
  const passwordForm = <SignInForm action={signInAction} autoFocus={passwordSignIn} />;
  return (
    <ClientMessages namespaces={['sign-in']}>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <Image src="/logo.svg" alt="" width={32} height={32} unoptimized loading="eager" className="size-8" />
          <span className="text-lg font-semibold text-gray-900">{t('productName')}</span>
        </div>
        <LanguageSwitch action={chooseLanguageAction} current={locale} />
      </div>
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-lg font-semibold text-gray-900">{t('title')}</h1>
        <p className="mb-4 text-sm text-gray-700">{t('tagline')}</p>
        {sso ? (
          <div className="space-y-4">
            <div data-testid="sso-error">
              <FormError>{refused}</FormError>
            </div>
            <form action={signInWithSsoAction}>
              <SubmitButton className="w-full" pendingText={t('sso.pending', { name: sso.name })} autoFocus={!passwordSignIn}>
                {t('sso.button', { name: sso.name })}
              </SubmitButton>
            </form>
            {passwordSignIn ? (
              <>
                <p className="flex items-center gap-3 text-xs text-gray-700 before:h-px before:flex-1 before:bg-gray-200 after:h-px after:flex-1 after:bg-gray-200">
                  {t('sso.orPassword')}
                </p>
                {passwordForm}
              </>
            ) : (
              <details className="rounded-md border border-gray-200 p-3 text-sm">
                <summary className="cursor-pointer font-medium text-gray-900">{t('sso.breakGlass')}</summary>
                <p className="mt-2 mb-3 text-gray-700">{t('sso.breakGlassHint')}</p>
                {passwordForm}
              </details>
            )}
          </div>
        ) : (
          passwordForm
        )}
      </div>
      {demo.length ? <DemoLogins accounts={demo} password={DEMO_PASSWORD} /> : null}
    </ClientMessages>
  );
}
