import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getTranslations } from 'next-intl/server';
import { releaseHref, type ReleasePart } from '@/lib/domain/release-parts';
import { lookupRelease } from '@/lib/server/releases';
import { parseReleaseKey } from '@/lib/server/release-ref';
import { getReleaseHeader } from '@/lib/server/release-views';
import { requireUser } from '@/lib/server/session';

// The release is resolved once per request: the layout (header, tabs), the metadata and
// the part's page all call loadRelease with the same key, and React's cache() hands them
// the same reference and header. Each part then loads only its own data by that reference.

export const loadRelease = cache(async (key: string) => {
  const actor = await requireUser();
  const ref = await lookupRelease(actor, key);
  const header = ref && (await getReleaseHeader(actor, ref));
  return ref && header ? { actor, ref, header } : null;
});

/** "rel-12" is a typo of REL-12, not a missing release: the key to redirect to, or null. */
export function canonicalKey(key: string): string | null {
  return parseReleaseKey(key) === null && parseReleaseKey(key.toUpperCase()) !== null ? key.toUpperCase() : null;
}

/** The release a part's page shows: redirects a lowercase key to the same part, 404 for an unknown one. */
export async function releaseForPart(key: string, part: ReleasePart) {
  const upper = canonicalKey(key);
  if (upper) redirect(releaseHref(upper, part));
  const loaded = await loadRelease(key);
  if (!loaded) notFound();
  return loaded;
}

export async function partMetadata(key: string, part: ReleasePart): Promise<Metadata> {
  const loaded = canonicalKey(key) ? null : await loadRelease(key);
  if (!loaded) return { title: (await getTranslations('release-page.metadata'))('notFound') };
  const label = (await getTranslations('release-parts.tabs'))(`parts.${part}`);
  const base = `${loaded.header.key} ${loaded.header.title}`;
  return { title: part === 'overview' ? base : `${label} · ${base}` };
}

export type PartParams = { params: Promise<{ key: string }> };
