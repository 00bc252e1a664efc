import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Markdown } from '@/components/ui/markdown';
import { segmentText } from '@/components/catalog/param';
import { CopyButton } from '@/components/catalog/copy-button';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Prose, When } from '@/components/ui/text';
import { absoluteUrl } from '@/lib/server/notify';
import { getWhatsNew } from '@/lib/server/whats-new';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

type Params = { params: Promise<{ component: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const t = await getTranslations('whats-new.component');
  return { title: t('title', { name: segmentText((await params).component).slice(0, 60) }) };
}

/** A component's published release announcements, newest first: read-only, for every role. */
export default async function ComponentWhatsNewPage({ params }: Params) {
  const [user, t] = await Promise.all([requireUser(), getTranslations('whats-new.component')]);
  const name = segmentText((await params).component);
  const loaded = await guard(() => getWhatsNew(user, name));
  if (!loaded.ok) return <AccessDenied title={t('accessTitle')} reason={loaded.message} />;
  const news = loaded.value;
  if (!news) notFound();
  const feed = news.feedPath;
  // a feed reader needs the whole address: RELM_PUBLIC_URL, else the address this page was asked for
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host');
  const feedUrl = absoluteUrl(feed) ?? (host ? `${h.get('x-forwarded-proto') ?? 'http'}://${host}${feed}` : feed);
  return (
    <>
      <BackLink href="/whats-new">{t('back')}</BackLink>
      <PageHeader
        title={t('title', { name: news.component.name })}
        description={news.component.description || t('description')}
        actions={
          <Link href={`/components/${encodeURIComponent(news.component.name)}`} className="text-sm text-blue-800 underline">
            {t('details')}
          </Link>
        }
      />
      <section aria-labelledby="subscribe-heading" className="mb-4 rounded-md border border-gray-200 bg-white p-3">
        <h2 id="subscribe-heading" className="text-sm font-semibold text-gray-900">
          {t('subscribe.heading')}
        </h2>
        <p className="mt-1 text-xs text-gray-700">{t('subscribe.hint')}</p>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <a href={feedUrl} className="font-mono text-xs break-all text-blue-800 underline">
            {feedUrl.replace(/token=.*/, 'token=…')}
            <span className="sr-only"> {t('subscribe.feed')}</span>
          </a>
          <CopyButton value={feedUrl} label={t('subscribe.copyLabel')} />
        </div>
      </section>
      {news.entries.length ? (
        <ol className="space-y-4">
          {news.entries.map((e) => (
            <li key={e.id}>
              <article id={e.releaseKey} aria-labelledby={`${e.id}-title`} className="scroll-mt-4 rounded-md border border-gray-200 bg-white p-3">
                <h2 id={`${e.id}-title`} className="text-base font-semibold text-gray-900">
                  {e.title}
                </h2>
                <p className="text-xs text-gray-700">
                  {t.rich('entry.published', { release: e.releaseKey, by: e.publishedBy, when: () => <When iso={e.publishedAt} /> })}
                  {e.correctedAt ? <> {t.rich('entry.corrected', { when: () => <When iso={e.correctedAt!} /> })}</> : null}
                  {e.components.length ? <> {t('entry.alsoFor', { components: e.components.join(', ') })}</> : null}
                </p>
                <p className="mt-2 text-sm font-medium break-words text-gray-900">{e.summary}</p>
                <DescriptionList
                  className="mt-2"
                  columns={2}
                  items={[
                    { term: t('entry.when'), value: <Prose text={e.effective} empty="—" /> },
                    { term: t('entry.contact'), value: <Prose text={e.contact} empty="—" /> },
                  ]}
                />
                {e.body ? <Markdown text={e.body} className="mt-2 space-y-2 text-sm break-words text-gray-900" /> : null}
                {e.corrections.length ? (
                  <ul className="mt-2 space-y-1 border-t border-gray-200 pt-2 text-xs text-gray-700">
                    {e.corrections.map((c) => (
                      <li key={c.revision}>{t.rich('entry.correction', { by: c.by, note: c.note, when: () => <When iso={c.at} /> })}</li>
                    ))}
                  </ul>
                ) : null}
              </article>
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState title={t('empty.title')}>{t('empty.hint', { name: news.component.name })}</EmptyState>
      )}
    </>
  );
}
