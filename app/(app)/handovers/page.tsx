import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { ReleaseTable } from '@/components/releases/release-table';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { When } from '@/components/ui/text';
import { listHandoverQueue } from '@/lib/server/releases';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('handover');
  return { title: t('title') };
}

export default async function HandoversPage() {
  const user = await requireUser();
  const t = await getTranslations('handover');
  const queue = await guard(() => listHandoverQueue(user));
  if (!queue.ok) return <AccessDenied title={t('title')} reason={queue.message} />;
  const { total, items } = queue.value;

  return (
    <div lang={await getLocale()} className="contents">
      <PageHeader title={t('title')} description={t('description', { count: total })} />
      {items.length ? (
        <>
          <ReleaseTable
            releases={items}
            caption={t('caption')}
            columns={['type', 'risk', 'owner', 'environments', 'window']}
            extra={[
              { header: t('preparedBy'), cell: (r) => r.preparedBy ?? '—' },
              { header: t('notesUpdated'), cell: (r) => <When iso={r.handoverUpdatedAt} zone={r.timezone} /> },
            ]}
          />
          {total > items.length ? <p className="mt-2 text-sm text-gray-700">{t('showingFirst', { shown: items.length, total })}</p> : null}
        </>
      ) : (
        <EmptyState title={t('empty.title')}>{t('empty.body')}</EmptyState>
      )}
    </div>
  );
}
