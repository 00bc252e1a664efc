import { useTranslations } from 'next-intl';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  const t = useTranslations('environments.notFound');
  return (
    <SegmentNotFound title={t('title')} backHref="/environments" backLabel={t('back')}>
      <p>{t('detail')}</p>
    </SegmentNotFound>
  );
}
