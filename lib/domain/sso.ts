import { ROLES, type Role } from './permissions';

// Single sign-on's rules (docs/decisions/037-oidc-single-sign-on.md): which issuer addresses
// are acceptable, what a groups claim says, what the group mappings give, and the words of a
// refusal. Plain functions over plain data.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a URL's host is this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * What is wrong with an issuer address, or null. https only; plain http only on a loopback
 * address (an identity provider started by the tests on this machine), never across a network.
 */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'RELM_OIDC_ISSUER must be the identity provider’s issuer URL, like https://login.example.com/realms/acme';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackUrl(url)) return null;
  return 'RELM_OIDC_ISSUER must be an https:// URL (plain http:// only for an identity provider on this machine: localhost, 127.0.0.1 or ::1)';
}

/** The URLs Relm may fetch while talking to the identity provider: the same rule as the issuer. */
export function identityProviderUrlAllowed(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url));
}

export const MAX_GROUPS = 500;
export const MAX_GROUP_LENGTH = 256;

/** The groups a claim names: a list of strings, or one string; anything else names none. */
export function groupsFromClaim(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v !== 'string') continue;
    const g = v.trim();
    if (!g || g.length > MAX_GROUP_LENGTH || out.includes(g)) continue;
    out.push(g);
    if (out.length >= MAX_GROUPS) break;
  }
  return out;
}

export interface GroupMapping {
  group: string;
  roles: readonly string[];
  teamId: string | null;
  priority: number;
}

export interface MappedAccess {
  /** the union of the roles of every matching group, in Relm's role order */
  roles: Role[];
  /** the team of the first matching mapping that names one (lowest priority, then group name), or null */
  teamId: string | null;
  /** the groups that matched a mapping, in the order they were considered */
  matched: string[];
}

/** Orders mappings as they are considered: lowest priority first, then by group name. */
export function byPriority<T extends Pick<GroupMapping, 'group' | 'priority'>>(a: T, b: T): number {
  return a.priority - b.priority || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0);
}

/** What a person's groups give them in Relm. Group names compare exactly (case matters, as in the claim). */
export function mapGroups(groups: readonly string[], mappings: readonly GroupMapping[]): MappedAccess {
  const have = new Set(groups);
  const matching = [...mappings].filter((m) => have.has(m.group)).sort(byPriority);
  const roleSet = new Set<string>();
  for (const m of matching) for (const r of m.roles) roleSet.add(r);
  return {
    roles: ROLES.filter((r) => roleSet.has(r)),
    teamId: matching.find((m) => m.teamId)?.teamId ?? null,
    matched: matching.map((m) => m.group),
  };
}

/** Why a single sign-on was refused (the code travels in the sign-in page's address). */
export const SSO_REFUSALS = {
  no_role: 'Your identity provider account is not mapped to any Relm role.',
  disabled: 'Your Relm account is disabled. Ask a Relm admin to enable it.',
  no_email:
    'Your identity provider did not send an e-mail address, which Relm needs to name your account. Ask your identity provider’s admin to release the email claim to Relm.',
  email_unverified:
    'A Relm account with your e-mail address already exists, and your identity provider does not say that it verified the address, so Relm will not join your sign-on to that account. Ask your identity provider’s admin to mark your e-mail address as verified, or sign in with your Relm password.',
  linked_elsewhere:
    'The Relm account with your e-mail address is already linked to another identity provider account. Ask a Relm admin to sort out which account is yours.',
  failed: 'Single sign-on did not work just now. Try again in a moment; if it keeps failing, ask an admin to check the identity provider settings.',
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSALS;

export const isSsoRefusal = (v: unknown): v is SsoRefusal => typeof v === 'string' && Object.hasOwn(SSO_REFUSALS, v);

/** The message the sign-in page shows for a refusal (with the groups the provider sent, for no_role). */
export function ssoRefusalMessage(reason: SsoRefusal, groups: readonly string[] | null): string {
  if (reason !== 'no_role') return SSO_REFUSALS[reason];
  const named = groups?.length
    ? ` Ask a Relm admin to map one of your groups to a role: ${groups.join(', ')}.`
    : ' Your identity provider sent no groups: ask its admin to add you to a group, and a Relm admin to map that group to a role.';
  return SSO_REFUSALS.no_role + named;
}
