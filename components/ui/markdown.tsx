import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import ReactMarkdown, { defaultUrlTransform, type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import { splitMentions } from '@/lib/domain/mentions';
import { Nothing } from './empty-state';

// What people write (build notes, handovers, reviews, announcements, comments, release
// descriptions, back-out steps) as Markdown, rendered safely and on the server (decision 052):
// - no raw HTML: `skipHtml` drops it and rehype-sanitize strips anything outside GitHub's
//   allow-list, so neither `<script>` nor `onerror=` reaches the page;
// - links only to http(s), mailto and same-site paths: anything else (javascript:, data:,
//   vbscript:, file:…) loses its href and stays as plain text;
// - images are never fetched (no run-time requests to other sites): `![alt](url)` becomes a
//   link to the image with its alt text, under the same URL rule;
// - headings are demoted to bold paragraphs so a note cannot break the page's outline;
// - code blocks scroll inside their own focusable region, and long words wrap, so nothing
//   pushes a 390 px page sideways.

/** The URL a link may carry, or null when it must not be clickable. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  // react-markdown's filter already blanks unknown protocols; this also refuses data: and
  // protocol-relative URLs, which the default allows through as "relative".
  const kept = defaultUrlTransform(trimmed);
  if (!kept) return null;
  if (trimmed.startsWith('//')) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') return null;
  return kept;
}

const isExternal = (href: string) => /^(https?:)?\/\//i.test(href) || href.toLowerCase().startsWith('mailto:');

function SafeLink({ href, children }: { href: string | null | undefined; children: ReactNode }) {
  const t = useTranslations('ui.markdown');
  const safe = safeHref(href);
  if (!safe) return <span>{children}</span>;
  if (!isExternal(safe)) {
    return (
      <a href={safe} className="text-blue-800 underline">
        {children}
      </a>
    );
  }
  return (
    <a href={safe} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-blue-800 underline">
      {children}
      <span className="sr-only"> {t('newTab')}</span>
    </a>
  );
}

/** An image is never loaded: its link, named by its alt text. */
function ImageLink({ src, alt }: { src?: unknown; alt?: string }) {
  const t = useTranslations('ui.markdown');
  return <SafeLink href={typeof src === 'string' ? src : null}>{alt ? t('imageWithAlt', { alt }) : t('image')}</SafeLink>;
}

const heading = ({ children }: { children?: ReactNode }) => <p className="font-semibold text-gray-900">{children}</p>;

const components: Components = {
  a: ({ href, children }) => <SafeLink href={href}>{children}</SafeLink>,
  h1: heading,
  h2: heading,
  h3: heading,
  h4: heading,
  h5: heading,
  h6: heading,
  img: ({ src, alt }) => <ImageLink src={src} alt={alt} />,
  // a single line break people type stays a line break, as it did before Markdown
  p: ({ children }) => <p className="whitespace-pre-line">{children}</p>,
  li: ({ children }) => <li className="whitespace-pre-line">{children}</li>,
  ul: ({ children }) => <ul className="list-disc pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="list-decimal pl-5">{children}</ol>,
  blockquote: ({ children }) => <blockquote className="border-l-4 border-gray-300 pl-3 text-gray-800">{children}</blockquote>,
  code: ({ children }) => <code className="rounded bg-gray-100 px-1 font-mono text-xs break-words">{children}</code>,
  pre: ({ children }) => (
    // a focusable region so a keyboard user can scroll a long line (axe: scrollable-region-focusable)
    <pre tabIndex={0} className="max-w-full overflow-x-auto rounded bg-gray-100 p-2 text-xs [&>code]:bg-transparent [&>code]:p-0">
      {children}
    </pre>
  ),
  table: ({ children }) => (
    <div tabIndex={0} className="max-w-full overflow-x-auto">
      <table className="text-xs">{children}</table>
    </div>
  ),
  th: ({ children }) => <th className="border border-gray-300 px-2 py-1 text-left">{children}</th>,
  td: ({ children }) => <td className="border border-gray-300 px-2 py-1">{children}</td>,
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

/** Markdown text, sanitised; `mentions` are the known handles to highlight (discussion). */
export function Markdown({ text, className, mentions }: { text: string; className?: string; mentions?: readonly string[] }) {
  const plugins = mentions?.length ? [rehypeSanitize, rehypeMentions(new Set(mentions))] : [rehypeSanitize];
  return (
    <div className={className ?? 'min-w-0 space-y-2 text-sm break-words text-gray-900'}>
      <ReactMarkdown rehypePlugins={plugins} components={components} urlTransform={(url) => safeHref(url) ?? ''} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
}

/** Free text people wrote, as Markdown; `empty` when there is none. */
export function MarkdownText({ text, empty }: { text: string | null | undefined; empty: ReactNode }) {
  if (!text?.trim()) return <Nothing>{empty}</Nothing>;
  return <Markdown text={text} />;
}
