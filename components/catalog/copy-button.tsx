import { useTranslations } from 'next-intl';
import { CopyControl } from './copy-control';

/**
 * Copies a value to the clipboard and says so (politely) to screen readers; `label` names what
 * is copied, for screen readers. A server component: it words the button in the request's
 * language and hands the words to the client part, so its callers need no <ClientMessages>.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations('catalog.copy');
  return (
    <CopyControl value={value} copied={t('copied')} failed={t('failed')}>
      {t.rich('button', { label, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
    </CopyControl>
  );
}
