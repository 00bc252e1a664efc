import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('errors');
  return { title: t('notFound.title') };
}

export default async function NotFound() {
  const t = await getTranslations('route');
  return (
    <main id="main" className="px-4 py-16">
      <SegmentNotFound backHref="/" backLabel={t('goToDashboard')} />
    </main>
  );
}
