import type { ReleaseRef } from '@/lib/server/release-ref';

/** The reference a page resolves once and hands to its sections, for rendering a section in a test. */
export async function releaseRefFor(key: string): Promise<ReleaseRef> {
  const { db } = await import('@/lib/server/db');
  const { resolveRelease } = await import('@/lib/server/release-ref');
  return resolveRelease(await db(), key);
}
