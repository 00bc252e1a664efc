import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return <SegmentNotFound title="Environment not found" backHref="/environments" backLabel="Back to environments" />;
}
