import type { Metadata } from 'next';
import { SegmentNotFound } from '@/components/route/segment-not-found';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main id="main" className="px-4 py-16">
      <SegmentNotFound title="Page not found" backHref="/" backLabel="Go to the dashboard">
        <p>There is nothing at this address. It may have been moved, or the link has a typo.</p>
      </SegmentNotFound>
    </main>
  );
}
