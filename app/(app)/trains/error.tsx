'use client';

import { SegmentError } from '@/components/route/segment-error';

export default function ErrorPage(props: { error: unknown; retry?: () => void; reset?: () => void }) {
  return <SegmentError {...props} />;
}
