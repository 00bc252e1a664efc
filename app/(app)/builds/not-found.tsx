import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return <SegmentNotFound title="Build not found" backHref="/builds" backLabel="Back to builds" />;
}
