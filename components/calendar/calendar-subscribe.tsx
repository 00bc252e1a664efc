import Link from 'next/link';
import { CopyButton } from '@/components/catalog/copy-button';

/** How to subscribe to the iCalendar feed from a calendar program. */
export function CalendarSubscribe({ feedUrl }: { feedUrl: string }) {
  return (
    <details className="mt-3 rounded-md border border-gray-200 bg-white p-3 text-sm">
      <summary className="font-semibold text-gray-900">Subscribe in your calendar program</summary>
      <div className="mt-2 space-y-2 text-gray-800">
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            On{' '}
            <Link href="/profile" className="link">
              your profile
            </Link>
            , create an API token with the <code className="rounded bg-gray-100 px-1">release.read</code> scope (and nothing else).
          </li>
          <li>
            Copy this address and replace <code className="rounded bg-gray-100 px-1">YOUR_TOKEN</code> with the token:
          </li>
        </ol>
        <div className="flex flex-wrap items-center gap-2">
          <code className="block max-w-full overflow-x-auto rounded border border-gray-200 bg-gray-50 px-2 py-1 font-mono text-xs break-all">{feedUrl}</code>
          <CopyButton value={feedUrl} label="the calendar feed address" />
        </div>
        <p>
          Add it in your calendar program as a subscription (“From URL” / “Subscribe to calendar”). It lists release windows from 90 days ago to 180 days ahead
          and freezes in the next 180 days, with this page’s environment, component and team filters. Programs refresh it about hourly.
        </p>
        <p className="text-xs text-gray-700">
          The address contains your token: keep it private. Anyone with it can read releases as you. Revoke the token on your profile if it leaks. Scripts can
          send the token in an <code>Authorization: Bearer</code> header instead.
        </p>
      </div>
    </details>
  );
}
