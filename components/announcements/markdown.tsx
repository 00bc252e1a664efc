import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';

// Announcement text as Markdown, rendered safely: no raw HTML (react-markdown ignores it and
// rehype-sanitize strips anything outside GitHub's allow-list), only http(s)/mailto links
// (react-markdown's URL filter), and every link opens without handing the opener or the
// referrer to the other site. Usable on the server (pages) and the client (the preview).

const components: Components = {
  a: ({ href, children }) => (
    <a href={href} rel="noopener noreferrer nofollow" target="_blank" className="text-blue-800 underline">
      {children}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  ),
  // the page owns the heading levels: Markdown headings become small, un-numbered ones
  h1: ({ children }) => <p className="font-semibold text-gray-900">{children}</p>,
  h2: ({ children }) => <p className="font-semibold text-gray-900">{children}</p>,
  h3: ({ children }) => <p className="font-semibold text-gray-900">{children}</p>,
  h4: ({ children }) => <p className="font-semibold text-gray-900">{children}</p>,
  h5: ({ children }) => <p className="font-semibold text-gray-900">{children}</p>,
  h6: ({ children }) => <p className="font-semibold text-gray-900">{children}</p>,
  img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : '[image]'}</span>,
  ul: ({ children }) => <ul className="list-disc pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="list-decimal pl-5">{children}</ol>,
  code: ({ children }) => <code className="rounded bg-gray-100 px-1 font-mono text-xs">{children}</code>,
  pre: ({ children }) => <pre className="overflow-x-auto rounded bg-gray-100 p-2 text-xs">{children}</pre>,
};

export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ?? 'space-y-2 text-sm break-words text-gray-900'}>
      <ReactMarkdown rehypePlugins={[rehypeSanitize]} components={components} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
}
