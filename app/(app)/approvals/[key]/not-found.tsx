import { useTranslations } from 'next-intl';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  const t = useTranslations('approvals.cardPage');
  return (
    <SegmentNotFound title={t('notFound')} backHref="/approvals" backLabel={t('notFoundBack')}>
      <p>{t('notFoundBody')}</p>
    </SegmentNotFound>
  );
}
