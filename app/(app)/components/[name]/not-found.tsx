import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return (
    <SegmentNotFound title="Component not found" backHref="/components" backLabel="Back to components">
      <p>There is no component with that name. It may have been renamed: search the catalogue for it.</p>
    </SegmentNotFound>
  );
}
