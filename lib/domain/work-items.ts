// Work items typed one per line in a textarea ("KEY Title words URL"), parsed
// into { key, title?, url? } with an error per bad line. Pure: used by the build
// form's server action, unit-tested.

import en from '@/messages/en/domain-work-items.json';
import { sayer } from './said';

// each line's problem is a message of the domain-work-items catalogue, for the reader's language (decision 060)
const say = sayer('domain-work-items', en);

export interface WorkItem {
  key: string;
  title?: string;
  url?: string;
}

export const MAX_WORK_ITEMS = 100;
export const WORK_ITEM_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._#/-]{0,63}$/;

export interface ParsedWorkItems {
  items: WorkItem[];
  /** the 1-based line each item came from */
  lines: number[];
  /** "Line 3: …" messages, in line order */
  errors: string[];
}

/** An http(s) URL, else null. */
export function httpUrl(text: string): string | null {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function parseWorkItemLines(text: string): ParsedWorkItems {
  const items: WorkItem[] = [];
  const itemLines: number[] = [];
  const errors: string[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const n = i + 1;
    const words = line.split(/\s+/);
    const key = words[0]!;
    if (!WORK_ITEM_KEY_PATTERN.test(key)) {
      errors.push(say('notAKey', { line: String(n), key: key.slice(0, 40) }));
      return;
    }
    let url: string | undefined;
    const last = words.length > 1 ? words[words.length - 1]! : undefined;
    // a last word that looks like a link is the link ("Fix foo:" stays part of the title)
    if (last && /^([a-z][a-z0-9+.-]*:\/\/|(javascript|data|vbscript|file|mailto):)/i.test(last)) {
      const ok = httpUrl(last);
      if (!ok) {
        errors.push(say('notALink', { line: String(n), link: last.slice(0, 60) }));
        return;
      }
      if (ok.length > 2000) {
        errors.push(say('linkTooLong', { line: String(n) }));
        return;
      }
      url = ok;
      words.pop();
    }
    const title = words.slice(1).join(' ');
    if (title.length > 300) {
      errors.push(say('titleTooLong', { line: String(n) }));
      return;
    }
    items.push({ key, ...(title ? { title } : {}), ...(url ? { url } : {}) });
    itemLines.push(n);
  });
  if (items.length > MAX_WORK_ITEMS) errors.push(say('tooMany', { count: String(items.length), max: String(MAX_WORK_ITEMS) }));
  return { items, lines: itemLines, errors };
}

/** The inverse, for showing stored items back in the textarea. */
export function formatWorkItemLines(items: readonly WorkItem[]): string {
  return items.map((w) => [w.key, w.title, w.url].filter(Boolean).join(' ')).join('\n');
}
