// The release page in parts (issue 12): an overview and one sub-page per concern,
// each with its own URL under /releases/REL-12/…, each loading only its own data.
// Links from elsewhere (notifications, calendar, approval cards, e-mails) name the
// part they are about through releaseHref. Light: client components import it (the next step,
// with its sentences, is in release-parts.ts).

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
  { part: 'discussion', slug: 'discussion', label: 'Discussion' },
  { part: 'history', slug: 'history', label: 'History' },
] as const;

export type ReleasePart = (typeof RELEASE_PARTS)[number]['part'];

/** `/releases/REL-12` for the overview, `/releases/REL-12/schedule` for a part; `anchor` adds `#…` within the part. */
export function releaseHref(key: string, part: ReleasePart = 'overview', anchor?: string): string {
  const slug = RELEASE_PARTS.find((p) => p.part === part)!.slug;
  return `/releases/${key}${slug ? `/${slug}` : ''}${anchor ? `#${anchor}` : ''}`;
}

/**
 * Where an anchor of the old one-page release (`/releases/REL-12#handover`, still in
 * notifications and e-mails sent before the split) lives now: its part and, when the
 * part has several sections, the anchor within it. null when it stays on the overview.
 */
export function partForOldAnchor(anchor: string): { part: ReleasePart; anchor?: string } | null {
  const a = anchor.replace(/^#/, '');
  if (/^approval-[A-Za-z0-9_-]{1,64}$/.test(a)) return { part: 'approvals', anchor: a };
  switch (a) {
    case 'package':
    case 'risks':
    case 'plan':
    case 'approvals':
    case 'deployments':
    case 'backout':
    case 'history':
      return { part: a };
    case 'handover':
      return { part: 'handover' };
    case 'review':
      return { part: 'handover', anchor: 'review' };
    case 'schedule':
      return { part: 'schedule' };
    case 'freeze-overrides':
      return { part: 'schedule', anchor: 'freeze-overrides' };
    default:
      return null;
  }
}
