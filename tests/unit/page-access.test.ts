import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_RULES, pageRule } from '@/lib/domain/page-access';

describe('pageRule', () => {
  it('matches exact pages, one-segment parameters and whole sections', () => {
    expect(pageRule('/approvals')?.permission).toBe('approval.inbox');
    expect(pageRule('/approvals/REL-12')).toBeNull(); // an approval card is for every reader
    expect(pageRule('/releases/new')?.permission).toBe('release.create');
    expect(pageRule('/releases/REL-12/edit')?.permission).toBe('release.edit');
    expect(pageRule('/releases/REL-12')).toBeNull();
    expect(pageRule('/releases/REL-12/edit/more')).toBeNull();
    expect(pageRule('/admin/users')?.permission).toBe('user.read');
    expect(pageRule('/admin/users/')?.permission).toBe('user.read');
    expect(pageRule('/admin/users/abc123')?.permission).toBe('user.read');
    expect(pageRule('/admin/integrations/webhook/w1')?.permission).toBe('integration.manage');
    expect(pageRule('/admin/jobs?x=1')?.permission).toBe('audit.read');
    expect(pageRule('/admin')).toBeNull(); // redirects to /admin/users, which answers
    expect(pageRule('/')).toBeNull();
    expect(pageRule('/calendar')).toBeNull();
  });

  it('reads percent-encoded segments as Next routes them, and gives up on malformed ones', () => {
    expect(pageRule('/admin/%75sers')?.permission).toBe('user.read');
    expect(pageRule('/releases/%E0%A4%A/edit')).toBeNull();
  });

  it('names only pages that exist', () => {
    const root = path.join(process.cwd(), 'app', '(app)');
    for (const rule of PAGE_RULES) {
      const dirs = rule.pattern
        .split('/')
        .filter((s) => s !== '' && s !== '*')
        .map((s) => (s.startsWith(':') ? `[${s.slice(1)}]` : s));
      const page = path.join(root, ...dirs, 'page.tsx');
      expect(fs.existsSync(page), `${rule.pattern} → ${page}`).toBe(true);
    }
  });
});
