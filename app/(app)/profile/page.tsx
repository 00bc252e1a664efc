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
import { relmVersion } from '@/lib/server/version';
import { Section } from '@/components/ui/section';
import { Panel } from '@/components/ui/panel';
import { getMyProfile, listMyApiTokens } from '@/lib/server/api-tokens';
import { requireUser } from '@/lib/server/session';
import { listMySessions, sessionsIn } from '@/lib/server/sessions';
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
import { getStatusWords } from '@/components/i18n/status-words';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('profile');
  return { title: t('title') };
}

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
  const t = await getTranslations('profile');
  const word = await getStatusWords();
  const loaded = await guard(async () => ({
    profile: await getMyProfile(actor),
    tokens: await listMyApiTokens(actor),
    sessions: await listMySessions(actor),
  }));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const { profile, tokens, sessions } = loaded.value;
  if (!profile) return <AccessDenied title={t('title')} reason={t('notFound')} />;
  const active = tokens.filter((token) => token.status === 'active').length;
  const [tLanguage, locale] = await Promise.all([getTranslations('language.profile'), currentLocale()]);

  return (
    <div lang={locale} className="contents">
      <ClientMessages namespaces={['profile', 'language']}>
        <PageHeader title={t('title')} description={t('description')} />
        <div className="space-y-6">
          <Section id="identity" title={t('account.title')}>
            <DescriptionList
              columns={4}
              items={[
                { term: t('account.name'), value: profile.name },
                { term: t('account.email'), value: profile.email },
                {
                  term: t('account.roles'),
                  value: profile.roles.length ? (
                    <span className="flex flex-wrap gap-1">
                      {profile.roles.map((r) => (
                        <Badge key={r}>{word('role', r)}</Badge>
                      ))}
                    </span>
                  ) : (
                    t('account.noRole')
                  ),
                },
                { term: t('account.team'), value: profile.team ? profile.team.name : t('account.noTeam') },
              ]}
            />
            <p className="mt-2 text-xs text-gray-700">{t('account.managed')}</p>
          </Section>
          <Section id="notifications" title={t('notifications.title')}>
            <p className="text-sm text-gray-800">
              {t('notifications.intro')}{' '}
              <Link href="/profile/notifications" className="link">
                {t('notifications.settings')}
              </Link>
            </p>
            <div className="mt-3 max-w-2xl">
              <TimeZoneForm action={setTimeZoneAction} current={profile.timeZone} zones={Intl.supportedValuesOf('timeZone')} />
            </div>
          </Section>
          <Section id="appearance" title={t('appearance.title')}>
            <ThemeForm action={setThemeAction} current={actor.theme ?? 'system'} />
          </Section>
          <Section id="language" title={tLanguage('title')}>
            <div className="max-w-2xl">
              <LanguageForm action={setLocaleAction} current={await myLocale(actor)} />
            </div>
          </Section>
          <Section id="password" title={t('password.title')}>
            <p className="mb-3 text-xs text-gray-700">{t('password.intro')}</p>
            <PasswordForm action={changePasswordAction} />
          </Section>
          <Section id="sessions" title={t('sessions.title')} count={sessions.length} bare>
            <p className="mb-2 text-xs text-gray-700">{t('sessions.intro')}</p>
            <SessionTable sessions={sessionsIn(sessions, locale)} caption={t('sessions.caption')} empty={t('sessions.empty')} endAction={endSessionAction} />
            <div className="mt-3">
              <ConfirmAction
                action={signOutEverywhereAction}
                id="all"
                trigger={t('sessions.signOutEverywhere.trigger')}
                question={t('sessions.signOutEverywhere.question')}
                confirmLabel={t('sessions.signOutEverywhere.confirm')}
                pendingText={t('sessions.signOutEverywhere.pending')}
              />
            </div>
          </Section>
          <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_24rem]">
            <Section id="tokens" title={t('tokens.title')} count={active} className="min-w-0" bare>
              <p className="mb-2 text-xs text-gray-700">{t.rich('tokens.intro', { code: (c) => <code className="font-mono">{c}</code> })}</p>
              <TokenTable tokens={tokens} revokeAction={revokeApiTokenAction} />
            </Section>
            <Panel headingId="create-token-heading" title={t('tokens.create.title')} selfStart>
              <TokenCreateForm action={createApiTokenAction} grantable={profile.grantableScopes} origin={await origin()} />
            </Panel>
          </div>
          <p className="text-sm">
            <Link href="/about" className="link">
              {t('about', { version: relmVersion().version })}
            </Link>
          </p>
        </div>
      </ClientMessages>
    </div>
  );
}
