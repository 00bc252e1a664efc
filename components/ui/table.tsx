import type { ComponentProps, ReactNode } from 'react';
import { cx } from './cx';

// Dense data tables. A table always has a caption (visible or for screen readers
// only) and header cells with scope.

export function Table({
  caption,
  captionHidden = true,
  children,
  className,
  footer,
}: {
  caption: ReactNode;
  captionHidden?: boolean;
  children: ReactNode;
  className?: string;
  footer?: ReactNode;
}) {
  return (
    // Wide tables scroll sideways on narrow screens: the wrapper takes focus so a
    // keyboard user can scroll it too (WCAG 2.1.1), and is named after the caption.
    <div
      tabIndex={0}
      role={typeof caption === 'string' ? 'region' : undefined}
      aria-label={typeof caption === 'string' ? caption : undefined}
      className={cx('relative overflow-x-auto rounded-md border border-gray-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-700', className)}
    >
      <table className="min-w-full border-collapse text-left text-sm">
        <caption className={captionHidden ? 'sr-only' : 'px-3 py-2 text-left text-sm font-medium text-gray-900'}>{caption}</caption>
        {children}
      </table>
      {footer}
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="border-b border-gray-200 bg-gray-50 text-xs text-gray-700">{children}</thead>;
}

export function Th({ className, scope = 'col', ...rest }: ComponentProps<'th'>) {
  return <th scope={scope} className={cx('px-3 py-2 font-semibold whitespace-nowrap', className)} {...rest} />;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-gray-100">{children}</tbody>;
}

export function Tr({ className, ...rest }: ComponentProps<'tr'>) {
  return <tr className={cx('align-top hover:bg-gray-50', className)} {...rest} />;
}

export function Td({ className, ...rest }: ComponentProps<'td'>) {
  return <td className={cx('px-3 py-2', className)} {...rest} />;
}
