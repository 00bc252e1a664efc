import { useTranslations } from 'next-intl';
import { PageSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  const t = useTranslations('release-page');
  return <PageSkeleton label={t('loading')} />;
}
