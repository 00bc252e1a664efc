import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return <SegmentNotFound title="Integration not found" backHref="/admin/integrations" backLabel="Back to integrations" />;
}
