import { useTranslations } from 'next-intl';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  const t = useTranslations('admin-teams.notFound');
  return <SegmentNotFound title={t('title')} backHref="/admin/teams" backLabel={t('back')} />;
}
