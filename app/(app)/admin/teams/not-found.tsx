import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return <SegmentNotFound title="Team not found" backHref="/admin/teams" backLabel="Back to teams" />;
}
