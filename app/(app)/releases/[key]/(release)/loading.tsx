import { PageSkeleton } from '@/components/ui/skeleton';

// between parts the header and tabs stay; only the part's content waits
export default function Loading() {
  return <PageSkeleton label="Loading this part of the release…" />;
}
