// Release announcements for the users of components (issue 13, point 8): the rules, as plain
// functions over plain data (docs/decisions/031-release-announcements.md).

import { STATUS_WORDS, type ReleaseStatus } from './lifecycle';

/** The rule a publication is refused by, named in its refusal. */
export const PUBLISH_RULE = 'announce only what is deployed';

/** Statuses a release reaches only through a deployment that went through. */
export const DEPLOYED_STATUSES: readonly ReleaseStatus[] = ['deployed', 'handed_over', 'in_review', 'closed'];

/** Statuses in which nothing is announced any more (the release never shipped, or was backed out). */
const NOT_SHIPPED: readonly ReleaseStatus[] = ['cancelled', 'rejected', 'rolled_back'];

export interface PublishFacts {
  key: string;
  status: ReleaseStatus;
  /** at least one deployment to a production environment succeeded */
  productionDeployed: boolean;
}

/**
 * Why the announcement of this release may not be published yet, or null when it may: the
 * release has been deployed (a deployed-or-later status, or a successful production
 * deployment), and was not backed out or abandoned.
 */
export function publishRefusal(f: PublishFacts): string | null {
  if (NOT_SHIPPED.includes(f.status)) {
    return `${f.key} is ${STATUS_WORDS[f.status]}: nothing of it reached users, so there is nothing to announce (rule: ${PUBLISH_RULE}).`;
  }
  if (DEPLOYED_STATUSES.includes(f.status) || f.productionDeployed) return null;
  return (
    `${f.key} has not been deployed yet (its status is ${STATUS_WORDS[f.status]} and no production deployment succeeded): ` +
    `an announcement is published once the release is deployed (rule: ${PUBLISH_RULE}). Save it as a draft until then.`
  );
}

/** Whether a draft may still be written (a published one is corrected instead). */
export function draftRefusal(f: { key: string; status: ReleaseStatus }): string | null {
  if (f.status === 'cancelled' || f.status === 'rejected') {
    return `${f.key} is ${STATUS_WORDS[f.status]}: it will not reach users, so it has nothing to announce.`;
  }
  return null;
}

export const MAX_DISTRIBUTION_ADDRESSES = 50;

/** A distribution list as typed (commas, semicolons, spaces or lines between addresses): its parts, trimmed, empty ones dropped. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** The addresses as stored: lower-cased, one a line, each once, in the order given. */
export function normalizeAddresses(addresses: readonly string[]): string {
  return [...new Set(addresses.map((a) => a.toLowerCase()))].join('\n');
}

/** The stored list's addresses. */
export const addressesOf = (stored: string): string[] => splitAddresses(stored);

/** The whole-addresses union of several components' lists, each address with the components that list it, in order. */
export function recipientsOf(components: readonly { name: string; distributionList: string }[]): { address: string; components: string[] }[] {
  const by = new Map<string, string[]>();
  for (const c of components) {
    for (const a of addressesOf(c.distributionList)) {
      const key = a.toLowerCase();
      const list = by.get(key) ?? [];
      if (!list.includes(c.name)) list.push(c.name);
      by.set(key, list);
    }
  }
  return [...by.entries()].map(([address, names]) => ({ address, components: names }));
}

export interface AnnouncementText {
  title: string;
  summary: string;
  body: string;
  effective: string;
  contact: string;
}

export const ANNOUNCEMENT_FIELDS = ['title', 'summary', 'body', 'effective', 'contact'] as const;

export const FIELD_WORDS: Record<(typeof ANNOUNCEMENT_FIELDS)[number], string> = {
  title: 'the title',
  summary: 'what changes for users',
  body: 'the details',
  effective: 'when it takes effect',
  contact: 'whom to ask',
};

/** The fields a published announcement must have. */
export const REQUIRED_TO_PUBLISH = ['title', 'summary', 'effective', 'contact'] as const;

/** The fields a correction changed, in words ("the title and whom to ask"). */
export function changedFields(before: AnnouncementText, after: AnnouncementText): (typeof ANNOUNCEMENT_FIELDS)[number][] {
  return ANNOUNCEMENT_FIELDS.filter((f) => before[f] !== after[f]);
}

/** The e-mail subject: release key, component(s), title; "Correction:" for a re-sent text. */
export function announcementSubject(a: { key: string; components: readonly string[]; title: string; correction: boolean }): string {
  const names = a.components.length > 3 ? `${a.components.slice(0, 3).join(', ')} and ${a.components.length - 3} more` : a.components.join(', ');
  return `${a.key} ${names}: ${a.correction ? 'Correction: ' : ''}${a.title}`;
}
