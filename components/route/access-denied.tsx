import Link from 'next/link';

/** Shown instead of a page the signed-in person's roles do not allow. */
export function AccessDenied({
  title,
  reason,
  advice = 'If you need it for your work, ask a Relm admin to give you the role.',
}: {
  title: string;
  reason: string;
  /** what would let them in ('' for none beyond the reason) */
  advice?: string;
}) {
  return (
    <div className="mx-auto max-w-xl rounded-md border border-amber-300 bg-white p-6" data-testid="access-denied">
      <h1 className="text-lg font-semibold text-gray-900">{title}: you do not have access</h1>
      <p className="mt-2 text-sm text-gray-800">You are not allowed to see this page. {reason}</p>
      {advice ? <p className="mt-2 text-sm text-gray-700">{advice}</p> : null}
      <p className="mt-4">
        <Link href="/" className="link text-sm">
          Back to the dashboard
        </Link>
      </p>
    </div>
  );
}
