import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { PageHeader } from '@/components/ui/page-header';
import { DIGEST_HOUR_UTC } from '@/lib/domain/notification-preferences';
import { emailEnabled } from '@/lib/server/channels/email';
import { getMyNotificationPreferences } from '@/lib/server/notification-preferences';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { resetNotificationPreferencesAction, saveNotificationPreferencesAction } from './actions';
import { PreferencesForm } from './preferences-form';
import { localize } from '@/lib/server/say';
import { readerLocale } from '@/app/_lib/reader-locale';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notifications.settings');
  return { title: t('title') };
}

export default async function NotificationSettingsPage() {
  const actor = await requireUser();
  const t = await getTranslations('notifications.settings');
  const loaded = await guard(() => getMyNotificationPreferences(actor));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const hour = `${String(DIGEST_HOUR_UTC).padStart(2, '0')}:00 UTC`;
  // the groups' titles and the kinds' labels and descriptions are sentences of
  // lib/domain/notification-preferences.ts, said in English: in the reader's language before the form gets them
  const locale = await readerLocale();
  const prefs = {
    ...loaded.value,
    groups: loaded.value.groups.map((g) => ({
      ...g,
      title: localize(g.title, locale),
      kinds: g.kinds.map((k) => ({ ...k, label: localize(k.label, locale), description: localize(k.description, locale) })),
    })),
  };
  return (
    <div lang={await getLocale()} className="contents">
      <p className="mb-2 text-sm">
        <Link href="/profile" className="link">
          {t('back')}
        </Link>
      </p>
      <PageHeader title={t('title')} description={t('description', { hour })} />
      {emailEnabled() ? null : <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('emailOff')}</p>}
      <ClientMessages namespaces={['notifications']}>
        <PreferencesForm prefs={prefs} save={saveNotificationPreferencesAction} reset={resetNotificationPreferencesAction} />
      </ClientMessages>
    </div>
  );
}
