import { useTranslations } from 'next-intl';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  const t = useTranslations('release-page.notFound');
  return (
    <SegmentNotFound title={t('title')} backHref="/releases" backLabel={t('back')}>
      <p>{t('body')}</p>
    </SegmentNotFound>
  );
}
