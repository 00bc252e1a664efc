import type { Metadata } from 'next';
import Link from 'next/link';
import { AccessDenied } from '@/components/route/access-denied';
import { PageHeader } from '@/components/ui/page-header';
import { DIGEST_HOUR_UTC } from '@/lib/domain/notification-preferences';
import { emailEnabled } from '@/lib/server/channels/email';
import { getMyNotificationPreferences } from '@/lib/server/notification-preferences';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { resetNotificationPreferencesAction, saveNotificationPreferencesAction } from './actions';
import { PreferencesForm } from './preferences-form';

export const metadata: Metadata = { title: 'Notification settings' };

export default async function NotificationSettingsPage() {
  const actor = await requireUser();
  const loaded = await guard(() => getMyNotificationPreferences(actor));
  if (!loaded.ok) return <AccessDenied title="Notification settings" reason={loaded.message} />;
  const hour = `${String(DIGEST_HOUR_UTC).padStart(2, '0')}:00 UTC`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/profile" className="link">
          ← Your profile
        </Link>
      </p>
      <PageHeader
        title="Notification settings"
        description={`What reaches you, for each kind of event: in Relm (the bell) and by e-mail, immediately or in one daily digest at ${hour}.`}
      />
      {emailEnabled() ? null : (
        <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          E-mail is not set up on this Relm yet: your e-mail choices apply once an admin sets it up.
        </p>
      )}
      <PreferencesForm prefs={loaded.value} save={saveNotificationPreferencesAction} reset={resetNotificationPreferencesAction} />
    </>
  );
}
