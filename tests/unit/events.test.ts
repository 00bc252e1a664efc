import { describe, expect, it } from 'vitest';
import { CHAT_DEFAULT_EVENTS, EVENT_LABELS, EVENT_TYPES, isEventType, transitionEvent } from '@/lib/domain/events';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';

describe('event types', () => {
  it('each has a label and a description, and the chat defaults are among them', () => {
    for (const t of EVENT_TYPES) {
      expect(EVENT_LABELS[t].label.length).toBeGreaterThan(3);
      expect(EVENT_LABELS[t].description).toMatch(/\.$|\)$/);
    }
    expect(CHAT_DEFAULT_EVENTS.every((t) => isEventType(t))).toBe(true);
    expect(isEventType('release.exploded')).toBe(false);
  });

  it('a lifecycle transition becomes release.<status> for the statuses receivers care about', () => {
    const mapped = Object.fromEntries(RELEASE_STATUSES.map((s) => [s, transitionEvent(s)]));
    expect(mapped).toEqual({
      draft: null,
      submitted: 'release.submitted',
      approved: 'release.approved',
      scheduled: 'release.scheduled',
      deploying: 'release.deploying',
      deployed: 'release.deployed',
      handed_over: null,
      in_review: null,
      closed: 'release.closed',
      rejected: 'release.rejected',
      cancelled: 'release.cancelled',
      rolled_back: 'release.rolled_back',
    });
    for (const e of Object.values(mapped)) if (e) expect(EVENT_TYPES).toContain(e);
  });
});
