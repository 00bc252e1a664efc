import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return (
    <SegmentNotFound title="Release not found" backHref="/releases" backLabel="Back to releases">
      <p>There is no release with that key. Keys look like REL-42; check the link, or search the releases list.</p>
    </SegmentNotFound>
  );
}
