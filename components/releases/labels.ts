import type { Tone } from '@/components/ui/badge';
import { RELEASE_STATUSES, STATUS_LABELS } from '@/lib/domain/lifecycle';
import type { ReleaseStatusValue, ReleaseTypeValue, RiskLevelValue } from '@/lib/server/releases';

// Words and colours for the release vocabulary. Typed against the data layer's
// enums, so a new status fails the type check until it has a label and a colour.
// These English labels are also the `statuses` catalogue (`release.<status>`, `type.<type>`,
// `riskLevel.<level>`), which says them in every language; tests/unit/status-words.test.ts
// keeps the two equal.

// The status list and its labels are lib/domain/lifecycle's (defined once).
export { STATUS_LABELS };

export const STATUS_TONES: Record<ReleaseStatusValue, Tone> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'indigo',
  scheduled: 'violet',
  deploying: 'amber',
  deployed: 'teal',
  handed_over: 'cyan',
  in_review: 'fuchsia',
  closed: 'green',
  rejected: 'red',
  cancelled: 'stone',
  rolled_back: 'rose',
};

/** Lifecycle order, for filters and summaries. */
export const STATUS_ORDER: readonly ReleaseStatusValue[] = RELEASE_STATUSES;

export const TYPE_LABELS: Record<ReleaseTypeValue, string> = {
  standard: 'Standard',
  normal: 'Normal',
  major: 'Major',
  emergency: 'Emergency',
};

export const RISK_LABELS: Record<RiskLevelValue, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const RISK_TONES: Record<RiskLevelValue, Tone> = {
  low: 'green',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

const isKey = <T extends string>(record: Record<T, unknown>, k: string): k is T => Object.prototype.hasOwnProperty.call(record, k);

export const statusLabel = (s: string) => (isKey(STATUS_LABELS, s) ? STATUS_LABELS[s] : s);
export const statusTone = (s: string): Tone => (isKey(STATUS_TONES, s) ? STATUS_TONES[s] : 'gray');
export const typeLabel = (t: string) => (isKey(TYPE_LABELS, t) ? TYPE_LABELS[t] : t);
export const riskLabel = (r: string) => (isKey(RISK_LABELS, r) ? RISK_LABELS[r] : r);
export const riskTone = (r: string): Tone => (isKey(RISK_TONES, r) ? RISK_TONES[r] : 'gray');
