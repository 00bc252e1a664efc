import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { languageOf } from '@/lib/domain/locale';
import { describeUnsubscribe } from '@/lib/server/notification-preferences';
import { localize } from '@/lib/server/say';
import { unsubscribeAction } from './actions';
import { UnsubscribeForm } from './unsubscribe-form';

// The page an e-mail's unsubscribe link opens (issue 13). Outside the signed-in app: the
// signed token in ?t= is the permission, and nothing changes until the button is pressed (a
// link scanner that opens the URL unsubscribes nobody). Mail clients use the one-click POST
// route instead (app/api/unsubscribe/route.ts).

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('unsubscribe');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).t;
  const token = typeof raw === 'string' ? raw : '';
  const [view, t, locale] = await Promise.all([describeUnsubscribe(token), getTranslations('unsubscribe'), getLocale().then(languageOf)]);
  return (
    <main id="main" className="flex min-h-screen items-start justify-center px-4 py-12 sm:py-20">
      <div className="w-full max-w-md space-y-4 rounded-md border border-gray-200 bg-white p-5">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">{t('title')}</h1>
        {view.ok ? (
          <>
            <p className="text-sm text-gray-800">
              {t.rich(view.alreadyOff ? 'alreadyStopped' : 'stops', {
                label: localize(view.label, locale),
                email: view.email,
                name: view.name,
                strong: (c) => <strong>{c}</strong>,
                address: (c) => <strong className="break-all">{c}</strong>,
              })}
            </p>
            <ClientMessages namespaces={['unsubscribe']}>
              <UnsubscribeForm token={token} all={view.all} action={unsubscribeAction} />
            </ClientMessages>
          </>
        ) : (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {localize(view.message, locale)}
          </p>
        )}
        <p className="text-sm text-gray-800">
          {t.rich('settings', {
            link: (c) => (
              <Link href="/profile/notifications" className="link">
                {c}
              </Link>
            ),
          })}
        </p>
      </div>
    </main>
  );
}
