import { useTranslations } from 'next-intl';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  const t = useTranslations('sign-in.notFound');
  return <SegmentNotFound title={t('title')} backHref="/sign-in" backLabel={t('back')} />;
}
