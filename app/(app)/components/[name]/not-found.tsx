import { useTranslations } from 'next-intl';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  const t = useTranslations('components.notFound');
  return (
    <SegmentNotFound title={t('title')} backHref="/components" backLabel={t('back')}>
      <p>{t('noSuchName')}</p>
    </SegmentNotFound>
  );
}
