'use client';

import './globals.css';

// Replaces the root layout when it fails, so it brings its own document. No
// details of the error are shown; the digest matches the server log.
export default function GlobalError({ error, retry, reset }: { error: unknown; retry?: () => void; reset?: () => void }) {
  const digest = error && typeof error === 'object' && 'digest' in error ? String((error as { digest?: unknown }).digest ?? '') : '';
  return (
    <html lang="en">
      <body className="min-h-screen bg-gray-50 font-sans text-sm text-gray-900">
        <title>Something went wrong · Relm</title>
        <main id="main" className="px-4 py-16">
          <div className="mx-auto max-w-xl rounded-md border border-red-200 bg-white p-6">
            <h1 className="text-lg font-semibold">Relm could not show this page</h1>
            <p className="mt-2 text-gray-700">
              Something went wrong on our side. Try again in a moment; if it keeps happening, tell your Relm admin
              {digest ? (
                <>
                  {' '}
                  and quote reference <code className="font-mono">{digest}</code>
                </>
              ) : null}
              .
            </p>
            <button
              type="button"
              onClick={() => (retry ?? reset)?.()}
              className="mt-4 h-8 rounded-md bg-blue-700 px-3 text-sm font-medium text-white hover:bg-blue-800"
            >
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
