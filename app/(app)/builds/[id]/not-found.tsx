import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return (
    <SegmentNotFound title="Build not found" backHref="/builds" backLabel="Back to builds">
      <p>There is no build with that id. Check the link, or search the builds by version, commit or digest.</p>
    </SegmentNotFound>
  );
}
