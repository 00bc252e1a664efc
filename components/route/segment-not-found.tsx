import Link from 'next/link';

export function SegmentNotFound({
  title = 'Page not found',
  children,
  backHref = '/',
  backLabel = 'Back to the dashboard',
}: {
  title?: string;
  children?: React.ReactNode;
  backHref?: string;
  backLabel?: string;
}) {
  return (
    <div className="mx-auto max-w-xl rounded-md border border-gray-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-gray-900">{title}</h1>
      <div className="mt-2 text-sm text-gray-700">{children ?? <p>There is nothing at this address. It may have been moved, or the link has a typo.</p>}</div>
      <p className="mt-4">
        <Link href={backHref} className="link text-sm">
          {backLabel}
        </Link>
      </p>
    </div>
  );
}
