import Link from 'next/link';
import { useTranslations } from 'next-intl';

/** Shown instead of a page the signed-in person's roles do not allow. */
export function AccessDenied({
  title,
  reason,
  advice,
}: {
  title: string;
  reason: string;
  /** what would let them in ('' for none beyond the reason); by default, ask an admin for the role */
  advice?: string;
}) {
  const t = useTranslations('route');
  const shownAdvice = advice ?? t('accessDenied.advice');
  return (
    <div className="mx-auto max-w-xl rounded-md border border-amber-300 bg-white p-6" data-testid="access-denied">
      <h1 className="text-lg font-semibold text-gray-900">{t('accessDenied.title', { title })}</h1>
      <p className="mt-2 text-sm text-gray-800">{t('accessDenied.reason', { reason })}</p>
      {shownAdvice ? <p className="mt-2 text-sm text-gray-700">{shownAdvice}</p> : null}
      <p className="mt-4">
        <Link href="/" className="link text-sm">
          {t('backToDashboard')}
        </Link>
      </p>
    </div>
  );
}
