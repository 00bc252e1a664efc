import { useTranslations } from 'next-intl';
import { PageSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  const t = useTranslations('components');
  return <PageSkeleton label={t('list.loading')} />;
}
