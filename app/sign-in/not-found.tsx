import { SegmentNotFound } from '@/components/route/segment-not-found';

export default function NotFound() {
  return <SegmentNotFound title="Page not found" backHref="/sign-in" backLabel="Back to sign in" />;
}
