import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AccessDenied } from '@/components/route/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { When } from '@/components/ui/text';
import { listWhatsNew } from '@/lib/server/whats-new';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('whats-new.index');
  return { title: t('title') };
}

/** Every component with its newest published release announcement: read-only, for every role. */
export default async function WhatsNewPage() {
  const [user, t] = await Promise.all([requireUser(), getTranslations('whats-new.index')]);
  const loaded = await guard(() => listWhatsNew(user));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const { rows, truncated } = loaded.value;
  const withNews = rows.filter((r) => r.latest);
  const quiet = rows.filter((r) => !r.latest);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {withNews.length ? (
        <ul className="divide-y divide-gray-200 rounded-md border border-gray-200 bg-white">
          {withNews.map((r) => (
            <li key={r.name} className="p-3">
              <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                <Link href={`/whats-new/${encodeURIComponent(r.name)}`} className="font-semibold text-blue-800 underline">
                  {r.name}
                </Link>
                <span className="text-gray-700">
                  {r.latest!.releaseKey} · <When iso={r.latest!.publishedAt} />
                </span>
              </p>
              <p className="mt-1 text-sm font-medium text-gray-900">{r.latest!.title}</p>
              <p className="text-sm break-words text-gray-800">{r.latest!.summary}</p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title={t('empty.title')}>{t('empty.hint')}</EmptyState>
      )}
      {quiet.length ? (
        <section aria-labelledby="quiet-heading" className="mt-6">
          <h2 id="quiet-heading" className="text-sm font-semibold text-gray-900">
            {t('quiet')}
          </h2>
          <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm">
            {quiet.map((r) => (
              <li key={r.name}>
                <Link href={`/whats-new/${encodeURIComponent(r.name)}`} className="text-blue-800 underline">
                  {r.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {truncated ? <p className="mt-2 text-sm text-gray-700">{t('truncated', { count: 500 })}</p> : null}
    </>
  );
}
