import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return <SegmentNotFound title="Freeze window not found" backHref="/admin/freezes" backLabel="Back to freeze windows" />;
}
