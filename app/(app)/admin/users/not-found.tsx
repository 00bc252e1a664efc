import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return <SegmentNotFound title="User not found" backHref="/admin/users" backLabel="Back to users" />;
}
