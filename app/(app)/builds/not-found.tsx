import { useTranslations } from 'next-intl';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  const t = useTranslations('builds.notFound');
  return <SegmentNotFound title={t('title')} backHref="/builds" backLabel={t('back')} />;
}
