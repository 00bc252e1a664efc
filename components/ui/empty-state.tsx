import type { ReactNode } from 'react';
import { cx } from './cx';

/** What a list shows when it has nothing: say what would appear here, and what to do. */
export function EmptyState({
  title,
  children,
  action,
  compact,
  className,
}: {
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  compact?: boolean;
  className?: string;
}) {
  return (
    <div className={cx('rounded-md border border-dashed border-gray-300 bg-white text-center', compact ? 'px-3 py-4' : 'px-4 py-10', className)}>
      <p className="font-medium text-gray-900">{title}</p>
      {children ? <div className="mt-1 text-sm text-gray-700">{children}</div> : null}
      {action ? <div className="mt-3">{action}</div> : null}
    </div>
  );
}

/** A one-line "nothing here" for a section of a detail page. */
export function Nothing({ children }: { children: ReactNode }) {
  return <p className="text-sm text-gray-700 italic">{children}</p>;
}
