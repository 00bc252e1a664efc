import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { diffPackages, mdEscapeInline, releaseNotesMarkdown, type DiffBuild, type NotesWords } from '@/lib/domain/package-diff';
import { messagesFor } from '@/messages';

const b = (component: string, version: string, notes = '', workItems: DiffBuild['workItems'] = [], digest = `${component}-${version}`): DiffBuild => ({
  component,
  version,
  digest,
  notes,
  workItems,
});

describe('diffPackages', () => {
  it('sorts components into added, changed, removed and unchanged', () => {
    const base = [b('api', '1.0.0'), b('ledger', '2.3.0'), b('web', '3.0.0'), b('mail', '1.0.0')];
    const current = [b('api', '1.2.0'), b('ledger', '2.3.0'), b('search', '0.1.0'), b('mail', '1.0.0', '', [], 'other-digest')];
    const diff = diffPackages(base, current);
    expect(diff.added.map((x) => x.component)).toEqual(['search']);
    expect(diff.removed.map((x) => x.component)).toEqual(['web']);
    expect(diff.unchanged.map((x) => x.component)).toEqual(['ledger']);
    expect(diff.changed.map((c) => [c.component, c.from.version, c.to.version, c.kind])).toEqual([
      ['api', '1.0.0', '1.2.0', 'upgrade'],
      ['mail', '1.0.0', '1.0.0', 'rebuild'],
    ]);
  });

  it('includes the builds between the old and the new version of an upgrade, oldest first', () => {
    const history = [b('api', '1.1.0', 'middle'), b('api', '0.9.0', 'older'), b('api', '1.3.0', 'newer'), b('web', '1.1.0')];
    const diff = diffPackages([b('api', '1.0.0')], [b('api', '1.2.0', 'target')], history);
    expect(diff.changed[0]!.between.map((x) => x.version)).toEqual(['1.1.0', '1.2.0']);
    const down = diffPackages([b('api', '1.2.0')], [b('api', '1.0.0')], history);
    expect(down.changed[0]!.kind).toBe('downgrade');
    expect(down.changed[0]!.between.map((x) => x.version)).toEqual(['1.0.0']);
  });
});

describe('releaseNotesMarkdown', () => {
  it('consolidates notes and work items per component', () => {
    const diff = diffPackages(
      [b('api', '1.0.0'), b('web', '2.0.0')],
      [
        b('api', '1.2.0', 'Faster invoices\nFixes rounding', [{ key: 'PAY-2', url: 'https://jira.example/PAY-2' }]),
        b('search', '0.1.0', 'First cut', [{ key: 'SRCH-1', title: 'Index' }]),
      ],
      [b('api', '1.1.0', 'Retry on timeout', [{ key: 'PAY-1' }])],
    );
    const md = releaseNotesMarkdown(diff, { title: 'Billing', key: 'REL-7', against: 'REL-6 (closed)' });
    expect(md).toContain('# REL-7: Billing — release notes');
    expect(md).toContain('Compared with REL-6 (closed).');
    expect(md).toContain('1 added, 1 changed, 1 removed, 0 unchanged.');
    expect(md).toContain('## Added\n\n- **search** 0.1.0\n  - Notes:\n    First cut\n  - Work items: SRCH-1 Index');
    expect(md).toContain(
      '- **api** 1.0.0 → 1.2.0\n  - 1.1.0:\n    Retry on timeout\n  - 1.2.0:\n    Faster invoices\n    Fixes rounding\n  - Work items: PAY-1, [PAY-2](https://jira.example/PAY-2)',
    );
    expect(md).toContain('## Removed\n\n- **web** 2.0.0 is no longer shipped');
    expect(md).toContain('## Work items');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('writes its headings and phrases in French for a French reader, the people’s own text as it is', () => {
    const diff = diffPackages([b('web', '2.0.0')], [b('api', '1.2.0', 'Faster invoices', [{ key: 'PAY-2' }])]);
    const fr = createTranslator({ locale: 'fr', messages: messagesFor('fr'), namespace: 'release-notes' }) as unknown as NotesWords;
    const md = releaseNotesMarkdown(diff, { title: 'Facturation', key: 'REL-7', against: 'REL-6 (clôturée)' }, fr);
    expect(md).toContain('# REL-7\u00a0: Facturation — notes de mise en production');
    expect(md).toContain('Comparées à REL-6 (clôturée).');
    expect(md).toContain('1 ajouté, 0 modifié, 1 retiré, 0 inchangé.');
    expect(md).toContain('## Ajoutés\n\n- **api** 1.2.0\n  - Notes\u00a0:\n    Faster invoices\n  - Éléments de travail\u00a0: PAY-2');
    expect(md).toContain('## Retirés\n\n- **web** 2.0.0 n’est plus livré');
    expect(md).not.toMatch(/Added|Removed|Work items|release notes/);
  });

  it('says when nothing changes', () => {
    const md = releaseNotesMarkdown(diffPackages([b('api', '1.0.0')], [b('api', '1.0.0')]), { title: 'T', key: 'REL-1', against: 'production' });
    expect(md).toContain('Nothing changes');
  });

  it('escapes user text: no HTML, no headings, no javascript links', () => {
    const diff = diffPackages(
      [],
      [b('api', '1.0.0', '# Heading\n<script>alert(1)</script>', [{ key: '[x](javascript:alert(1))', url: 'javascript:alert(1)' }])],
    );
    const md = releaseNotesMarkdown(diff, { title: '<img src=x onerror=alert(1)>', key: 'REL-1', against: 'nothing' });
    // every < is escaped, so Markdown renderers show it as text
    expect(md).not.toMatch(/(?<!\\)</);
    expect(md).toContain('\\<script\\>');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md).not.toMatch(/^\s*# Heading/m);
    expect(mdEscapeInline('a|b')).toBe('a\\|b');
  });
});
