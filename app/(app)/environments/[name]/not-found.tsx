import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return (
    <SegmentNotFound title="Environment not found" backHref="/environments" backLabel="Back to environments">
      <p>There is no environment with that name. It may have been renamed.</p>
    </SegmentNotFound>
  );
}
