import { useTranslations } from 'next-intl';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  const t = useTranslations('admin-environments.notFound');
  return <SegmentNotFound title={t('title')} backHref="/admin/environments" backLabel={t('back')} />;
}
