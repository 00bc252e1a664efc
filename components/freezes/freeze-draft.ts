// The freeze form's recurrence fields as typed, and what its preview can say
// without the recurrence engine. Light on purpose: the form imports this
// statically and loads the engine (./freeze-preview) only when there is
// something for it to evaluate.

/** The form's recurrence fields, as typed. */
export interface FreezeDraft {
  kind: string;
  startsAt: string;
  endsAt: string;
  rrule: string;
  cron: string;
  durationMinutes: string;
  timezone: string;
}

export type FreezePreview = { description: string; next: { start: string; end: string }[]; zone: string } | { problem: string };

/**
 * Why there is nothing to preview, in English; the form shows each in the person's language
 * (messages freezes.form.problems.<key>), and the engine's own explanations as they come.
 */
export const PREVIEW_PROBLEMS = {
  zone: 'Choose a known time zone to see a preview.',
  times: 'Enter the start and the end to see a preview.',
  rule: 'Enter a rule to see a preview.',
  incomplete: 'The rule is not complete yet.',
  unpreviewable: 'This rule cannot be previewed.',
} as const;

export type PreviewProblem = keyof typeof PREVIEW_PROBLEMS;

/** The key of one of PREVIEW_PROBLEMS, or null for an explanation of the engine's. */
export function previewProblemKey(problem: string): PreviewProblem | null {
  return (Object.keys(PREVIEW_PROBLEMS) as PreviewProblem[]).find((k) => PREVIEW_PROBLEMS[k] === problem) ?? null;
}

export function readDraft(form: HTMLFormElement): FreezeDraft {
  const data = new FormData(form);
  const s = (n: string) => {
    const v = data.get(n);
    return typeof v === 'string' ? v : '';
  };
  return {
    kind: s('kind'),
    startsAt: s('startsAt'),
    endsAt: s('endsAt'),
    rrule: s('rrule'),
    cron: s('cron'),
    durationMinutes: s('durationMinutes'),
    timezone: s('timezone'),
  };
}

/** Whether the browser knows an IANA zone: the question luxon's IANAZone.isValidZone asks (lib/domain/recurrence). */
function knownTimeZone(zone: string): boolean {
  if (zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The preview's zone: the typed one, UTC when empty. */
export function previewZone(d: FreezeDraft): string {
  return d.timezone.trim() || 'UTC';
}

/**
 * Why there is nothing to preview yet (an unknown zone, a missing rule or time),
 * or null when the draft needs the recurrence engine to answer.
 */
export function previewWithoutEngine(d: FreezeDraft): { problem: string } | null {
  if (!knownTimeZone(previewZone(d))) return { problem: PREVIEW_PROBLEMS.zone };
  if (d.kind === 'one_off') return d.startsAt.trim() && d.endsAt.trim() ? null : { problem: PREVIEW_PROBLEMS.times };
  return d.rrule.trim() || d.cron.trim() ? null : { problem: PREVIEW_PROBLEMS.rule };
}
