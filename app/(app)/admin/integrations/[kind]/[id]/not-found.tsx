import { useTranslations } from 'next-intl';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  const t = useTranslations('admin-integrations.notFound');
  return <SegmentNotFound title={t('title')} backHref="/admin/integrations" backLabel={t('back')} />;
}
