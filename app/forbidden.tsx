import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { pageRefusal } from '@/lib/server/page-access';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { AppShell } from './(app)/shell';
import { readerLocale } from '@/app/_lib/reader-locale';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('errors');
  return { title: t('forbidden.title') };
}

// The 403 page (app/(app)/layout.tsx calls forbidden()): the same explanation the page's
// own refusal gives, in the usual frame. docs/decisions/040-refused-pages-answer-403.md
export default async function Forbidden() {
  const user = await requireUser();
  const [refusal, t] = await Promise.all([pageRefusal(user, (await headers()).get('x-relm-path') ?? ''), getTranslations('errors')]);
  const locale = await readerLocale();
  return (
    <ClientMessages namespaces={['ui', 'nav']}>
      <AppShell user={user}>
        <AccessDenied
          title={refusal ? localize(refusal.title, locale) : t('forbidden.page')}
          reason={refusal ? localize(refusal.reason, locale) : t('forbidden.reason')}
          advice={refusal ? localize(refusal.advice, locale) : undefined}
        />
      </AppShell>
    </ClientMessages>
  );
}
