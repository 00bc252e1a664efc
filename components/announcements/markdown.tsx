import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import { splitMentions } from '@/lib/domain/mentions';

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

// ---------------------------------------------------------------- mentions (release discussion)

interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const NO_MENTIONS_INSIDE = new Set(['a', 'code', 'pre']);

/**
 * A rehype plugin, run after sanitizing, that shows `@handle` of the known handles as a
 * highlighted name; text inside links and code stays as written.
 */
function rehypeMentions(known: ReadonlySet<string>) {
  const walk = (node: HastNode) => {
    if (!node.children || (node.tagName && NO_MENTIONS_INSIDE.has(node.tagName))) return;
    node.children = node.children.flatMap((child): HastNode[] => {
      if (child.type !== 'text' || !child.value?.includes('@')) {
        walk(child);
        return [child];
      }
      return splitMentions(child.value, known).map((part) =>
        'handle' in part
          ? {
              type: 'element',
              tagName: 'strong',
              properties: { className: ['rounded', 'bg-blue-50', 'px-0.5', 'font-semibold', 'text-blue-900'], dataMention: part.handle },
              children: [{ type: 'text', value: part.text }],
            }
          : { type: 'text', value: part.text },
      );
    });
  };
  return () => (tree: HastNode) => walk(tree);
}

export function Markdown({ text, className, mentions }: { text: string; className?: string; mentions?: readonly string[] }) {
  const plugins = mentions?.length ? [rehypeSanitize, rehypeMentions(new Set(mentions))] : [rehypeSanitize];
  return (
    <div className={className ?? 'space-y-2 text-sm break-words text-gray-900'}>
      <ReactMarkdown rehypePlugins={plugins} components={components} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
}
