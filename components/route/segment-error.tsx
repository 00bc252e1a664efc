'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { Button } from '@/components/ui/button';

/**
 * The error boundary's page: a plain message and a way to try again. The error's
 * message and stack are never shown (in production Next replaces server error
 * messages anyway); the digest lets support match the server log.
 */
export function SegmentError({ error, retry, reset }: { error: unknown; retry?: () => void; reset?: () => void }) {
  const digest = error && typeof error === 'object' && 'digest' in error ? String((error as { digest?: unknown }).digest ?? '') : '';
  const t = useTranslations('route');
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-xl rounded-md border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-gray-900">{t('error.title')}</h1>
      <p className="mt-2 text-sm text-gray-700">
        {digest ? t.rich('error.bodyWithReference', { digest, code: (c) => <code className="font-mono text-gray-900">{c}</code> }) : t('error.body')}
      </p>
      <div className="mt-4 flex gap-2">
        <Button variant="primary" onClick={() => (retry ?? reset)?.()}>
          {t('error.retry')}
        </Button>
        <Link href="/" className="link inline-flex h-8 items-center px-2 text-sm">
          {t('goToDashboard')}
        </Link>
      </div>
    </div>
  );
}

export default SegmentError;
