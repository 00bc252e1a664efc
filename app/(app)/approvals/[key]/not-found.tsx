import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return (
    <SegmentNotFound title="Approval card not found" backHref="/approvals" backLabel="Back to approvals">
      <p>There is no release with that key. Keys look like REL-42; check the link, or open the approvals waiting for you.</p>
    </SegmentNotFound>
  );
}
