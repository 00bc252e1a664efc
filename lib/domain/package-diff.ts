import { createTranslator } from 'use-intl/core';
import enNotes from '@/messages/en/release-notes.json';
import semver from 'semver';

// What a package changes compared with another set of builds (the previous
// release's package, or what an environment runs now), and the release notes
// that consolidate the build notes and work items of what changes.

export interface WorkItem {
  key: string;
  title?: string;
  url?: string;
}

export interface DiffBuild {
  component: string;
  version: string;
  digest: string;
  notes: string;
  workItems: WorkItem[];
}

export interface ChangedComponent {
  component: string;
  from: DiffBuild;
  to: DiffBuild;
  /** 'upgrade' | 'downgrade' by semver; 'rebuild' when the version is equal but the artifact differs */
  kind: 'upgrade' | 'downgrade' | 'rebuild' | 'other';
  /** builds strictly after `from` up to and including `to`, oldest first (when the caller provided them) */
  between: DiffBuild[];
}

export interface PackageDiff {
  added: DiffBuild[];
  changed: ChangedComponent[];
  removed: DiffBuild[];
  unchanged: DiffBuild[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byComponent = (a: { component: string }, b: { component: string }) => cmp(a.component, b.component);

function compareVersions(a: string, b: string): number | null {
  const va = semver.valid(a);
  const vb = semver.valid(b);
  return va && vb ? semver.compare(va, vb) : null;
}

/**
 * Diff of `current` (this package) against `base`. `history` optionally gives other
 * builds per component, so a changed component also lists the notes of the builds
 * released in between (e.g. 4.1.0 → 4.3.0 also carries 4.2.0's notes).
 */
export function diffPackages(base: DiffBuild[], current: DiffBuild[], history: DiffBuild[] = []): PackageDiff {
  const baseMap = new Map(base.map((b) => [b.component, b]));
  const currentMap = new Map(current.map((b) => [b.component, b]));
  const added: DiffBuild[] = [];
  const changed: ChangedComponent[] = [];
  const unchanged: DiffBuild[] = [];
  for (const to of currentMap.values()) {
    const from = baseMap.get(to.component);
    if (!from) {
      added.push(to);
      continue;
    }
    if (from.version === to.version && from.digest === to.digest) {
      unchanged.push(to);
      continue;
    }
    const order = compareVersions(from.version, to.version);
    const kind: ChangedComponent['kind'] = order === null ? 'other' : order < 0 ? 'upgrade' : order > 0 ? 'downgrade' : 'rebuild';
    let between: DiffBuild[] = [to];
    if (kind === 'upgrade') {
      const seen = new Set([to.version]);
      const mid = history.filter((h) => {
        if (h.component !== to.component || seen.has(h.version)) return false;
        const afterFrom = compareVersions(from.version, h.version);
        const beforeTo = compareVersions(h.version, to.version);
        if (afterFrom === null || beforeTo === null || afterFrom >= 0 || beforeTo >= 0) return false;
        seen.add(h.version);
        return true;
      });
      between = [...mid, to].sort((a, b) => compareVersions(a.version, b.version) ?? cmp(a.version, b.version));
    }
    changed.push({ component: to.component, from, to, kind, between });
  }
  const removed = [...baseMap.values()].filter((b) => !currentMap.has(b.component));
  return {
    added: added.sort(byComponent),
    changed: changed.sort(byComponent),
    removed: removed.sort(byComponent),
    unchanged: unchanged.sort(byComponent),
  };
}

/** Markdown text made safe to embed: no raw HTML, no accidental headings or tables from user text. */
export function mdEscapeInline(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n+/g, ' ')
    .replace(/([\\`*_[\]<>|#!])/g, '\\$1')
    .trim();
}

/** Multi-line notes as an indented block under a list item; each line escaped. */
function mdNotes(notes: string, indent: string): string[] {
  return notes
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => mdEscapeInline(l))
    .filter((l) => l.length > 0)
    .map((l) => `${indent}${l}`);
}

function workItemLine(w: WorkItem): string {
  const key = mdEscapeInline(w.key);
  const title = w.title ? ` ${mdEscapeInline(w.title)}` : '';
  const url = w.url && /^https?:\/\/[^\s()<>]+$/i.test(w.url) ? w.url : null;
  return url ? `[${key}](${url})${title}` : `${key}${title}`;
}

function uniqueWorkItems(builds: DiffBuild[]): WorkItem[] {
  const seen = new Map<string, WorkItem>();
  for (const b of builds) for (const w of b.workItems) if (!seen.has(w.key)) seen.set(w.key, w);
  return [...seen.values()];
}

/** The words of the release notes (messages/<locale>/release-notes.json): English unless a translator is given. */
export type NotesWords = (key: string, values?: Record<string, string | number>) => string;

const ENGLISH_NOTES: NotesWords = createTranslator({
  locale: 'en',
  messages: { 'release-notes': enNotes },
  namespace: 'release-notes',
  timeZone: 'UTC',
}) as unknown as NotesWords;

function buildBlock(builds: DiffBuild[], out: string[], w: NotesWords) {
  const withNotes = builds.filter((b) => b.notes.trim());
  if (withNotes.length === 0) out.push(`  - ${w('noBuildNotes')}`);
  for (const b of withNotes) {
    const lines = mdNotes(b.notes, '    ');
    out.push(builds.length > 1 ? `  - ${mdEscapeInline(b.version)}:` : `  - ${w('notes')}`);
    out.push(...lines);
  }
  const items = uniqueWorkItems(builds);
  if (items.length) out.push(`  - ${w('workItemsLine', { items: items.map(workItemLine).join(', ') })}`);
}

/**
 * Release notes in Markdown: a title, what the notes compare against, then the
 * added, changed and removed components, each with the consolidated build notes
 * and work items. User-provided text is escaped, so it cannot inject HTML,
 * headings or links. Headings and phrases are in the reader's language when `words`
 * translates the `release-notes` catalogue (English otherwise).
 */
export function releaseNotesMarkdown(
  diff: PackageDiff,
  opts: { title: string; key: string; against: string; generatedAt?: string },
  w: NotesWords = ENGLISH_NOTES,
): string {
  const out: string[] = [];
  out.push(`# ${w('title', { key: mdEscapeInline(opts.key), title: mdEscapeInline(opts.title) })}`, '');
  out.push(w('comparedWith', { against: mdEscapeInline(opts.against) }));
  if (opts.generatedAt) out.push(w('generated', { at: opts.generatedAt }));
  const counts = w('counts', { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length, unchanged: diff.unchanged.length });
  out.push('', counts, '');

  const allItems = uniqueWorkItems([...diff.added, ...diff.changed.flatMap((c) => c.between)]);

  if (diff.added.length) {
    out.push(`## ${w('added')}`, '');
    for (const b of diff.added) {
      out.push(`- **${mdEscapeInline(b.component)}** ${mdEscapeInline(b.version)}`);
      buildBlock([b], out, w);
    }
    out.push('');
  }
  if (diff.changed.length) {
    out.push(`## ${w('changed')}`, '');
    for (const c of diff.changed) {
      const label = c.kind === 'rebuild' ? ` ${w('rebuilt')}` : c.kind === 'downgrade' ? ` ${w('downgrade')}` : '';
      out.push(`- **${mdEscapeInline(c.component)}** ${mdEscapeInline(c.from.version)} → ${mdEscapeInline(c.to.version)}${label}`);
      buildBlock(c.between, out, w);
    }
    out.push('');
  }
  if (diff.removed.length) {
    out.push(`## ${w('removed')}`, '');
    for (const b of diff.removed)
      out.push(`- ${w('noLongerShipped', { component: `**${mdEscapeInline(b.component)}**`, version: mdEscapeInline(b.version) })}`);
    out.push('');
  }
  if (!diff.added.length && !diff.changed.length && !diff.removed.length) {
    out.push(w('nothingChanges'), '');
  }
  if (allItems.length) {
    out.push(`## ${w('workItems')}`, '');
    for (const w2 of allItems) out.push(`- ${workItemLine(w2)}`);
    out.push('');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}
