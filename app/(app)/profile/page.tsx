import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { TokenCreateForm } from '@/components/profile/token-create-form';
import { TimeZoneForm } from '@/components/profile/time-zone-form';
import { ThemeForm } from '@/components/profile/theme-form';
import { LanguageForm } from '@/components/profile/language-form';
import { ClientMessages } from '@/components/i18n/client-messages';
import { getTranslations } from 'next-intl/server';
import { currentLocale, myLocale } from '@/lib/server/locale';
import { PasswordForm } from '@/components/profile/password-form';
import { TokenTable } from '@/components/profile/token-table';
import { SessionTable } from '@/components/sessions/session-table';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { AccessDenied } from '@/components/route/access-denied';
import { Badge } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { Panel } from '@/components/ui/panel';
import { ROLE_LABELS } from '@/lib/domain/permissions';
import { getMyProfile, listMyApiTokens } from '@/lib/server/api-tokens';
import { requireUser } from '@/lib/server/session';
import { listMySessions } from '@/lib/server/sessions';
import { guard } from '@/app/_lib/guard';
import {
  changePasswordAction,
  createApiTokenAction,
  endSessionAction,
  revokeApiTokenAction,
  setThemeAction,
  setTimeZoneAction,
  signOutEverywhereAction,
} from './actions';
import { setLocaleAction } from './actions';

export const metadata: Metadata = { title: 'Your profile' };

/** Where this Relm is reached, for the curl example. */
async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host');
  if (!host || !/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) return 'http://localhost:3000';
  const proto = h.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

export default async function ProfilePage() {
  const actor = await requireUser();
  const loaded = await guard(async () => ({
    profile: await getMyProfile(actor),
    tokens: await listMyApiTokens(actor),
    sessions: await listMySessions(actor),
  }));
  if (!loaded.ok) return <AccessDenied title="Your profile" reason={loaded.message} />;
  const { profile, tokens, sessions } = loaded.value;
  if (!profile) return <AccessDenied title="Your profile" reason="Your account could not be found. Sign in again." />;
  const active = tokens.filter((t) => t.status === 'active').length;
  const [tLanguage, locale] = await Promise.all([getTranslations('language.profile'), currentLocale()]);

  return (
    <>
      <PageHeader title="Your profile" description="Who you are in Relm, and the API tokens that let scripts and pipelines act as you." />
      <div className="space-y-6">
        <Section id="identity" title="Account">
          <DescriptionList
            columns={4}
            items={[
              { term: 'Name', value: profile.name },
              { term: 'Email', value: profile.email },
              {
                term: 'Roles',
                value: profile.roles.length ? (
                  <span className="flex flex-wrap gap-1">
                    {profile.roles.map((r) => (
                      <Badge key={r}>{ROLE_LABELS[r]}</Badge>
                    ))}
                  </span>
                ) : (
                  'None: ask an admin for a role'
                ),
              },
              { term: 'Team', value: profile.team ? profile.team.name : 'No team' },
            ]}
          />
          <p className="mt-2 text-xs text-gray-700">Roles and team are managed by an admin. A change applies to your tokens at once.</p>
        </Section>
        <Section id="notifications" title="Notifications">
          <p className="text-sm text-gray-800">
            Choose what reaches you in Relm and by e-mail, kind by kind: immediately, in a daily digest, or not at all.{' '}
            <Link href="/profile/notifications" className="link">
              Notification settings
            </Link>
          </p>
          <div className="mt-3 max-w-2xl">
            <TimeZoneForm action={setTimeZoneAction} current={profile.timeZone} zones={Intl.supportedValuesOf('timeZone')} />
          </div>
        </Section>
        <Section id="appearance" title="Appearance">
          <ThemeForm action={setThemeAction} current={actor.theme ?? 'system'} />
        </Section>
        <Section id="language" title={<span lang={locale}>{tLanguage('title')}</span>}>
          <div className="max-w-2xl" lang={locale}>
            <ClientMessages namespaces={['language']}>
              <LanguageForm action={setLocaleAction} current={await myLocale(actor)} />
            </ClientMessages>
          </div>
        </Section>
        <Section id="password" title="Password">
          <p className="mb-3 text-xs text-gray-700">Changing it signs you out everywhere else; this browser stays signed in.</p>
          <PasswordForm action={changePasswordAction} />
        </Section>
        <Section id="sessions" title="Sessions" count={sessions.length} bare>
          <p className="mb-2 text-xs text-gray-700">
            Where you are signed in. Ending a session signs that browser out at once, even if someone copied its cookie. A session lasts at most 12 hours.
          </p>
          <SessionTable
            sessions={sessions}
            caption="Your active sessions"
            empty="You are signed in without a session record; sign in again."
            endAction={endSessionAction}
          />
          <div className="mt-3">
            <ConfirmAction
              action={signOutEverywhereAction}
              id="all"
              trigger="Sign out everywhere"
              question="Sign out of every browser and device, this one included? You will need to sign in again."
              confirmLabel="Yes, sign out everywhere"
              pendingText="Signing out…"
            />
          </div>
        </Section>
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_24rem]">
          <Section id="tokens" title="API tokens" count={active} className="min-w-0" bare>
            <p className="mb-2 text-xs text-gray-700">
              A token acts with your current roles, narrowed to its scopes; every use is recorded in the audit trail. Send it as{' '}
              <code className="font-mono">Authorization: Bearer relm_…</code>.
            </p>
            <TokenTable tokens={tokens} revokeAction={revokeApiTokenAction} />
          </Section>
          <Panel headingId="create-token-heading" title="Create a token" selfStart>
            <TokenCreateForm action={createApiTokenAction} grantable={profile.grantableScopes} origin={await origin()} />
          </Panel>
        </div>
      </div>
    </>
  );
}
