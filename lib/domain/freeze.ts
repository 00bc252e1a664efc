import enFreeze from '@/messages/en/domain-freeze.json';
import { instantToFloating, isValidTimeZone, occurrences, type Interval, type Recurrence } from './recurrence';
import { sayer, sayKind } from './said';

const say = sayer('domain-freeze', enFreeze);

// Change freezes: periods (one-off or recurring, see recurrence.ts) during which
// nothing in their scope may be deployed, unless a two-person override is granted.
//
// Scope rules (both lists are ids):
// - both lists empty → the freeze applies to everything;
// - only environments → it applies to anything deployed to one of them;
// - only components → it applies to a deployment that touches one of them, anywhere;
// - both → each list must match: one of the components, in one of the environments
//   ("billing in production"). An empty list never restricts.

export interface FreezeSpec {
  id: string;
  name: string;
  reason: string;
  recurrence: Recurrence;
  /** empty: every environment */
  environmentIds: string[];
  /** empty: every component */
  componentIds: string[];
  active: boolean;
}

export interface FreezeTarget {
  environmentId: string;
  componentIds: string[];
}

export interface FreezeHit {
  freeze: FreezeSpec;
  occurrence: { start: Date; end: Date };
}

/** Whether a freeze's scope covers a deployment of `target.componentIds` to `target.environmentId`. */
export function freezeCovers(freeze: Pick<FreezeSpec, 'environmentIds' | 'componentIds'>, target: FreezeTarget): boolean {
  const envOk = freeze.environmentIds.length === 0 || freeze.environmentIds.includes(target.environmentId);
  const compOk = freeze.componentIds.length === 0 || target.componentIds.some((c) => freeze.componentIds.includes(c));
  return envOk && compOk;
}

/**
 * Every active freeze whose scope covers the target and one of whose occurrences
 * overlaps `interval` (half-open [start, end); an empty interval is read as the
 * instant `start`), with the earliest overlapping occurrence of each, ordered by
 * that occurrence's start, then name. A freeze whose recurrence cannot be
 * evaluated is reported with the whole interval as its occurrence (fail closed).
 */
export function freezesHitting(freezes: FreezeSpec[], target: FreezeTarget, interval: { start: Date; end: Date }): FreezeHit[] {
  const from = interval.start;
  const to = interval.end.getTime() > from.getTime() ? interval.end : new Date(from.getTime() + 1);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return [];
  const hits: FreezeHit[] = [];
  for (const freeze of freezes) {
    if (!freeze.active || !freezeCovers(freeze, target)) continue;
    let first: Interval | undefined;
    try {
      first = occurrences(freeze.recurrence, from, to, 1)[0];
    } catch {
      first = { start: new Date(from), end: new Date(to) };
    }
    if (first) hits.push({ freeze, occurrence: { start: first.start, end: first.end } });
  }
  return hits.sort((a, b) => a.occurrence.start.getTime() - b.occurrence.start.getTime() || a.freeze.name.localeCompare(b.freeze.name));
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "21 Dec 2026 00:00" as wall-clock time in `timezone`. */
export function formatFreezeInstant(d: Date, timezone: string): string {
  const zone = isValidTimeZone(timezone) ? timezone : 'UTC';
  const local = new Date(instantToFloating(d, zone));
  return `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** "21 déc. 2026 00:00 – 4 janv. 2027 06:00 Europe/London": the same occurrence with French months. */
function formatFreezeOccurrenceInFrench(o: { start: Date; end: Date }, timezone: string): string {
  const zone = isValidTimeZone(timezone) ? timezone : 'UTC';
  const at = (d: Date) => {
    const local = new Date(instantToFloating(d, zone));
    const day = local.toLocaleDateString('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    return `${day} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  };
  return `${at(o.start)} – ${at(o.end)} ${zone}`;
}

sayKind('freezeOccurrence', (arg, locale) => {
  const a = arg as { start: string; end: string; zone: string };
  const o = { start: new Date(a.start), end: new Date(a.end) };
  return locale === 'fr' ? formatFreezeOccurrenceInFrench(o, a.zone) : formatFreezeOccurrence(o, a.zone);
});

/** "21 Dec 2026 00:00 – 4 Jan 2027 06:00 Europe/London" */
export function formatFreezeOccurrence(o: { start: Date; end: Date }, timezone: string): string {
  const zone = isValidTimeZone(timezone) ? timezone : 'UTC';
  return `${formatFreezeInstant(o.start, zone)} – ${formatFreezeInstant(o.end, zone)} ${zone}`;
}

/**
 * "Year-end change freeze (21 Dec 2026 00:00 – 4 Jan 2027 06:00 Europe/London) covers production: Peak trading."
 * `covers` names what was hit (e.g. the environment's name); without it the
 * sentence says "this deployment".
 */
export function describeFreezeHit(hit: FreezeHit, timezone: string, covers?: string): string {
  const { key, values, reason } = hitWords(hit, timezone, covers);
  // the same sentence without its final period is said too (describeFreezeHitClause): problems are listed as clauses
  say(key, values);
  // a reason ends the sentence as it was written; otherwise (or after its own period) the sentence ends with one
  return reason && !reason.endsWith('.') ? say(key, values) : say('sentence', { clause: { key, values } });
}

/** describeFreezeHit without its final period, for a list of problems ("…; …"). */
export function describeFreezeHitClause(hit: FreezeHit, timezone: string, covers?: string): string {
  const { key, values } = hitWords(hit, timezone, covers);
  return say(key, values);
}

function hitWords(hit: FreezeHit, timezone: string, covers?: string) {
  const reason = hit.freeze.reason.trim();
  const values = {
    name: hit.freeze.name,
    // written in each reader's language (months), the same numbers
    occurrence: { kind: 'freezeOccurrence', arg: { start: hit.occurrence.start.toISOString(), end: hit.occurrence.end.toISOString(), zone: timezone } },
    covers: covers?.trim() || { key: 'thisDeployment' },
    // the clause leaves out a period ending the reason: the sentence puts it back
    ...(reason ? { reason: reason.replace(/\.$/, '') } : {}),
  };
  return { key: reason ? 'hit' : 'hitNoReason', values, reason };
}

export { OVERRIDE_REASON_MIN } from './freeze-override';

/**
 * Whether `confirmerId` may confirm an override requested by `requesterId`:
 * the two-person rule (the policy's freezeOverride.peopleRequired, at least 2,
 * is met by the requester plus one confirmer).
 */
export function overrideConfirmRefusal(requesterId: string, confirmerId: string | null): string | null {
  if (!confirmerId) return say('confirmSignedIn');
  if (requesterId === confirmerId) return say('confirmOwnRequest');
  return null;
}
