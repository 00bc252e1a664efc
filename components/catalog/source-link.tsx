/**
 * A repository address: a link that opens in a new tab when it is an http(s)
 * URL, otherwise shown as code (never a link: it could be javascript:).
 */
export function SourceLink({ url }: { url: string }) {
  return /^https?:\/\//.test(url) ? (
    <a href={url} className="link break-all" rel="noreferrer noopener" target="_blank">
      {url}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  ) : (
    <code className="break-all">{url}</code>
  );
}
