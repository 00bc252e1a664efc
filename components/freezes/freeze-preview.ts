import { describeRecurrenceIn, localDateTimeToInstant, nextOccurrences, validateRecurrence } from '@/lib/domain/recurrence';
import { PREVIEW_PROBLEMS, previewWithoutEngine, previewZone, type FreezeDraft, type FreezePreview } from './freeze-draft';

// The freeze form's live preview, computed in the browser with the same engine as
// the server. The form loads this module with import() once there is a rule or a
// pair of times to evaluate, so the recurrence libraries (rrule, cron-parser,
// cronstrue, luxon) stay out of the page's first-load JavaScript.

/** What the freeze would be: its description (in `locale`) and next five occurrences after `now`, or why there is none yet. */
export function previewOf(d: FreezeDraft, now: Date, locale = 'en'): FreezePreview {
  const early = previewWithoutEngine(d);
  if (early) return early;
  const zone = previewZone(d);
  let rec;
  if (d.kind === 'one_off') {
    const startsAt = localDateTimeToInstant(d.startsAt, zone);
    const endsAt = localDateTimeToInstant(d.endsAt, zone);
    if (!startsAt || !endsAt) return { problem: PREVIEW_PROBLEMS.times };
    rec = validateRecurrence({ kind: 'one_off', startsAt, endsAt, timezone: zone });
  } else {
    rec = validateRecurrence({ kind: 'recurring', rrule: d.rrule, cron: d.cron, durationMinutes: d.durationMinutes, timezone: zone });
  }
  if (!rec.ok) return { problem: Object.values(rec.errors).flat()[0] ?? PREVIEW_PROBLEMS.incomplete };
  try {
    return {
      description: describeRecurrenceIn(rec.value, locale),
      next: nextOccurrences(rec.value, now, 5).map((o) => ({ start: o.start.toISOString(), end: o.end.toISOString() })),
      zone,
    };
  } catch {
    return { problem: PREVIEW_PROBLEMS.unpreviewable };
  }
}
