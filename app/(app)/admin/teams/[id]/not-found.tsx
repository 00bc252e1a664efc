import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return (
    <SegmentNotFound title="Team not found" backHref="/admin/teams" backLabel="Back to teams">
      <p>There is no team with that id. It may have been deleted.</p>
    </SegmentNotFound>
  );
}
