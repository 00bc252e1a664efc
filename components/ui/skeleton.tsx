import { useTranslations } from 'next-intl';
import { cx } from './cx';

/** Grey placeholder blocks while a segment loads; the container says it is busy. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cx('animate-pulse rounded bg-gray-200', className)} />;
}

export function PageSkeleton({ label, rows = 8 }: { label?: string; rows?: number }) {
  const t = useTranslations('ui');
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-4">
      <p className="sr-only">{label ?? t('loading')}</p>
      <Skeleton className="h-7 w-64" />
      <Skeleton className="h-4 w-96 max-w-full" />
      <div className="space-y-2 rounded-md border border-gray-200 bg-white p-3">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    </div>
  );
}
