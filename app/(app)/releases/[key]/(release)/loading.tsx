import { useTranslations } from 'next-intl';
import { PageSkeleton } from '@/components/ui/skeleton';

// between parts the header and tabs stay; only the part's content waits
export default function Loading() {
  const t = useTranslations('release-page');
  return <PageSkeleton label={t('loadingPart')} />;
}
