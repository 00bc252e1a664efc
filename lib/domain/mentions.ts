// Mentions in release discussion comments (issue 15, point 6;
// docs/decisions/042-release-discussion-and-mentions.md). A person is mentioned as `@` followed
// by the local part of their e-mail address (`@priya.shah` for priya.shah@example.com), compared
// without regard to case. The `@` must start the text or follow something that is not a letter,
// digit or one of `._%+-`, so an e-mail address written in a comment mentions nobody. Pure: the
// server resolves handles to active people; a handle nobody has stays plain text.

/** What may follow `@` in a mention: the characters of an e-mail local part Relm accepts. */
const MENTION = /(^|[^A-Za-z0-9._%+\-@])@([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})/g;

/** Trailing punctuation ends a sentence, not a handle: "thanks @priya." mentions priya. */
function trimHandle(raw: string): string {
  return raw.replace(/[._%+-]+$/, '');
}

/** The distinct handles a text mentions, lower-cased, in the order first written. */
export function mentionHandles(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MENTION)) {
    const handle = trimHandle(m[2] ?? '').toLowerCase();
    if (handle && !out.includes(handle)) out.push(handle);
  }
  return out;
}

/** A person's handle: the local part of their e-mail address, lower-cased. */
export function handleOf(email: string): string {
  const at = email.lastIndexOf('@');
  return (at > 0 ? email.slice(0, at) : email).toLowerCase();
}

export type MentionPart = { text: string } | { handle: string; text: string };

/**
 * Splits a text into plain runs and the mentions of `known` handles (lower-cased), for showing
 * mentions highlighted; a mention of a handle not in `known` stays plain text.
 */
export function splitMentions(text: string, known: ReadonlySet<string>): MentionPart[] {
  const parts: MentionPart[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    const handle = trimHandle(m[2] ?? '');
    if (!handle || !known.has(handle.toLowerCase())) continue;
    const start = (m.index ?? 0) + (m[1] ?? '').length;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ handle: handle.toLowerCase(), text: `@${handle}` });
    last = start + 1 + handle.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
