import en from '@/messages/en/domain-page-access.json';
import type { Permission } from './permissions';
import { sayer } from './said';

// Which pages need a permission beyond reading, by path. The page itself still asks
// lib/server, which refuses on its own (the real check); this table only lets the app's
// shell answer such a page with 403 before anything is streamed
// (docs/decisions/040-refused-pages-answer-403.md). A page missing here is still refused,
// only with 200; tests/e2e/forbidden.spec.ts walks every entry for every demo role.

export interface PageRule {
  /** path segments; ':x' matches any one segment; a trailing '*' matches the rest */
  pattern: string;
  permission: Permission;
  /** the page's name in the refusal */
  title: string;
  /** the page changes one release: only the people who manage it may open it (lib/server/page-access.ts) */
  managesRelease?: boolean;
}

// page names are messages of the domain-page-access catalogue, for the reader's language (decision 060)
const say = sayer('domain-page-access', en);

export const PAGE_RULES: readonly PageRule[] = [
  { pattern: '/approvals', permission: 'approval.inbox', title: say('title.approvals') },
  { pattern: '/insights', permission: 'release.read', title: say('title.insights') },
  { pattern: '/handovers', permission: 'handover.acknowledge', title: say('title.handovers') },
  { pattern: '/timeline', permission: 'release.read', title: say('title.timeline') },
  { pattern: '/releases/new', permission: 'release.create', title: say('title.newRelease') },
  { pattern: '/releases/:key/edit', permission: 'release.edit', title: say('title.editRelease'), managesRelease: true },
  { pattern: '/builds/new', permission: 'build.record', title: say('title.newBuild') },
  { pattern: '/components/new', permission: 'component.edit', title: say('title.newComponent') },
  { pattern: '/components/:name/edit', permission: 'component.edit', title: say('title.editComponent') },
  { pattern: '/trains/new', permission: 'train.write', title: say('title.newTrain') },
  { pattern: '/trains/:slug/edit', permission: 'train.write', title: say('title.editTrain') },
  { pattern: '/admin/users/*', permission: 'user.read', title: say('title.users') },
  { pattern: '/admin/sso/*', permission: 'user.manage', title: say('title.sso') },
  { pattern: '/admin/teams/*', permission: 'team.manage', title: say('title.teams') },
  { pattern: '/admin/environments/*', permission: 'environment.edit', title: say('title.environments') },
  { pattern: '/admin/freezes/*', permission: 'freeze.edit', title: say('title.freezes') },
  { pattern: '/admin/policy/*', permission: 'policy.edit', title: say('title.policy') },
  { pattern: '/admin/audit/*', permission: 'audit.read', title: say('title.audit') },
  { pattern: '/admin/jobs/*', permission: 'audit.read', title: say('title.jobs') },
  { pattern: '/admin/integrations/*', permission: 'integration.manage', title: say('title.integrations') },
];

function segments(path: string): string[] | null {
  const clean = path.split(/[?#]/, 1)[0] ?? '';
  const parts = clean.split('/').filter((s) => s !== '');
  try {
    return parts.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

function matches(pattern: string, parts: string[]): boolean {
  const want = pattern.split('/').filter((s) => s !== '');
  const rest = want[want.length - 1] === '*';
  const fixed = rest ? want.slice(0, -1) : want;
  if (rest ? parts.length < fixed.length : parts.length !== fixed.length) return false;
  return fixed.every((w, i) => w.startsWith(':') || w === parts[i]);
}

/** The rule for a page's path (without the query), or null when reading is enough. */
export function pageRule(path: string): PageRule | null {
  return matchPage(path)?.rule ?? null;
}

/** The rule and the path's values for its ':x' segments ({ key: 'REL-12' }). */
export function matchPage(path: string): { rule: PageRule; params: Record<string, string> } | null {
  const parts = segments(path);
  if (!parts) return null;
  const rule = PAGE_RULES.find((r) => matches(r.pattern, parts));
  if (!rule) return null;
  const params: Record<string, string> = {};
  rule.pattern
    .split('/')
    .filter((s) => s !== '')
    .forEach((w, i) => {
      if (w.startsWith(':')) params[w.slice(1)] = parts[i]!;
    });
  return { rule, params };
}
