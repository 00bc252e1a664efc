import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { FreezeTable } from '@/components/freezes/freeze-table';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { allows } from '@/lib/server/authz';
import { listFreezeWindows } from '@/lib/server/freezes';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('freezes');
  return { title: t('title') };
}

export default async function FreezesPage() {
  const [actor, t, locale] = await Promise.all([requireUser(), getTranslations('freezes'), getLocale()]);
  const loaded = await guard(() => listFreezeWindows(actor));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const freezes = loaded.value;
  const active = freezes.filter((f) => f.active);
  const editor = allows(actor, 'freeze.edit');
  return (
    <div lang={locale} className="contents">
      <PageHeader
        title={t('title')}
        description={t('page.description', { count: active.length })}
        actions={
          editor ? (
            <Link href="/admin/freezes" className="link text-sm">
              {t('page.manage')}
            </Link>
          ) : null
        }
      />
      {freezes.length ? (
        <FreezeTable freezes={freezes} hrefOf={editor ? (id) => `/admin/freezes/${encodeURIComponent(id)}` : undefined} caption={t('page.caption')} />
      ) : (
        <EmptyState title={t('page.emptyTitle')}>{t('page.emptyBody')}</EmptyState>
      )}
    </div>
  );
}
