'use client';

// a part that fails keeps the release's header and tabs around the message
import { SegmentError } from '@/components/route/segment-error';

export default function ErrorPage(props: { error: unknown; retry?: () => void; reset?: () => void }) {
  return <SegmentError {...props} />;
}
