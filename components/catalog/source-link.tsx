import { useTranslations } from 'next-intl';

/**
 * A repository address: a link that opens in a new tab when it is an http(s)
 * URL, otherwise shown as code (never a link: it could be javascript:).
 */
export function SourceLink({ url }: { url: string }) {
  const t = useTranslations('catalog');
  return /^https?:\/\//.test(url) ? (
    <a href={url} className="link break-all" rel="noreferrer noopener" target="_blank">
      {url}
      <span className="sr-only"> {t('opensInNewTab')}</span>
    </a>
  ) : (
    <code className="break-all">{url}</code>
  );
}
