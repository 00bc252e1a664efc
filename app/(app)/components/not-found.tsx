import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return <SegmentNotFound title="Component not found" backHref="/components" backLabel="Back to components" />;
}
