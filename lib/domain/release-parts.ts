// The release page in parts (issue 12): an overview and one sub-page per concern,
// each with its own URL under /releases/REL-12/…, each loading only its own data.
// Links from elsewhere (notifications, calendar, approval cards, e-mails) name the
// part they are about through releaseHref.

export const RELEASE_PARTS = [
  { part: 'overview', slug: '', label: 'Overview' },
  { part: 'package', slug: 'package', label: 'Package' },
  { part: 'plan', slug: 'plan', label: 'Plan & timeline' },
  { part: 'risks', slug: 'risks', label: 'Risks' },
  { part: 'approvals', slug: 'approvals', label: 'Approvals' },
  { part: 'schedule', slug: 'schedule', label: 'Schedule' },
  { part: 'deployments', slug: 'deployments', label: 'Deployments' },
  { part: 'backout', slug: 'backout', label: 'Back-out' },
  { part: 'handover', slug: 'handover', label: 'Handover & review' },
  { part: 'history', slug: 'history', label: 'History' },
] as const;

export type ReleasePart = (typeof RELEASE_PARTS)[number]['part'];

/** `/releases/REL-12` for the overview, `/releases/REL-12/schedule` for a part; `anchor` adds `#…` within the part. */
export function releaseHref(key: string, part: ReleasePart = 'overview', anchor?: string): string {
  const slug = RELEASE_PARTS.find((p) => p.part === part)!.slug;
  return `/releases/${key}${slug ? `/${slug}` : ''}${anchor ? `#${anchor}` : ''}`;
}
