'use client';

import { SegmentError } from '@/components/route/segment-error';

export default function RootError(props: { error: unknown; retry?: () => void; reset?: () => void }) {
  return (
    <main id="main" className="px-4 py-16">
      <SegmentError {...props} />
    </main>
  );
}
