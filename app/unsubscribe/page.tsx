import type { Metadata } from 'next';
import Link from 'next/link';
import { describeUnsubscribe } from '@/lib/server/notification-preferences';
import { unsubscribeAction } from './actions';
import { UnsubscribeForm } from './unsubscribe-form';

// The page an e-mail's unsubscribe link opens (issue 13). Outside the signed-in app: the
// signed token in ?t= is the permission, and nothing changes until the button is pressed (a
// link scanner that opens the URL unsubscribes nobody). Mail clients use the one-click POST
// route instead (app/api/unsubscribe/route.ts).

export const metadata: Metadata = { title: 'Unsubscribe' };
export const dynamic = 'force-dynamic';

export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).t;
  const token = typeof raw === 'string' ? raw : '';
  const view = await describeUnsubscribe(token);
  return (
    <main id="main" className="flex min-h-screen items-start justify-center px-4 py-12 sm:py-20">
      <div className="w-full max-w-md space-y-4 rounded-md border border-gray-200 bg-white p-5">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Unsubscribe</h1>
        {view.ok ? (
          <>
            <p className="text-sm text-gray-800">
              {view.alreadyOff ? 'Already stopped: ' : 'This stops '}e-mails about <strong>{view.label}</strong> to{' '}
              <strong className="break-all">{view.email}</strong> ({view.name}). You still see them in Relm, and security e-mails about your account always
              reach you.
            </p>
            <UnsubscribeForm token={token} all={view.all} action={unsubscribeAction} />
          </>
        ) : (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {view.message}
          </p>
        )}
        <p className="text-sm text-gray-800">
          Choose kind by kind what reaches you in your{' '}
          <Link href="/profile/notifications" className="link">
            notification settings
          </Link>{' '}
          (you will be asked to sign in).
        </p>
      </div>
    </main>
  );
}
