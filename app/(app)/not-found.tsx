import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return <SegmentNotFound />;
}
