import Link from 'next/link';
import { useTranslations } from 'next-intl';

export function SegmentNotFound({
  title,
  children,
  backHref = '/',
  backLabel,
}: {
  /** by default "Page not found" */
  title?: string;
  children?: React.ReactNode;
  backHref?: string;
  /** by default "Back to the dashboard" */
  backLabel?: string;
}) {
  const t = useTranslations('route');
  return (
    <div className="mx-auto max-w-xl rounded-md border border-gray-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-gray-900">{title ?? t('notFound.title')}</h1>
      <div className="mt-2 text-sm text-gray-700">{children ?? <p>{t('notFound.body')}</p>}</div>
      <p className="mt-4">
        <Link href={backHref} className="link text-sm">
          {backLabel ?? t('backToDashboard')}
        </Link>
      </p>
    </div>
  );
}
