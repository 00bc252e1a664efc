import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return <SegmentNotFound title="Page not found" backHref="/" backLabel="Back to the dashboard" />;
}
