import { revalidatePath } from 'next/cache';
import { releaseHref, type ReleasePart } from '@/lib/domain/release-parts';
import { parseReleaseKey } from '@/lib/server/release-ref';

// What a save on one part of a release refreshes (docs/decisions/020-release-page-in-parts.md).
// The pages read the database on every request (they read the session), so there is no
// data cache to purge: revalidatePath in a server action re-renders the page being viewed
// when it is the path named, and drops the router's copy of that path only. A save on a
// part names that part; a change of status or header data also names the overview and,
// with type 'layout', every part under the release layout (header, tabs, gates).

const valid = (key: string) => (parseReleaseKey(key) !== null ? key : null);

/** Only this part of the release changed. */
export function revalidatePart(key: string, ...parts: ReleasePart[]): void {
  const k = valid(key);
  if (!k) return;
  for (const part of parts) revalidatePath(releaseHref(k, part));
}

/** The release's status or header changed: the layout (header, tabs) and every part under it. */
export function revalidateRelease(key: string): void {
  const k = valid(key);
  if (k) revalidatePath(releaseHref(k), 'layout');
}
