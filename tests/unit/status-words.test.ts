import { describe, expect, it } from 'vitest';
import { RELEASE_TYPES, STATUS_LABELS, STATUS_WORDS, TRANSITION_ACTIONS } from '@/lib/domain/lifecycle';
import { EMAIL_MODE_LABELS, PREFERENCE_GROUPS } from '@/lib/domain/notification-preferences';
import { EVENT_LABELS } from '@/lib/domain/events';
import { ROLE_LABELS } from '@/lib/domain/permissions';
import { ACTION_ITEM_STATUS_LABELS, DEPLOYMENT_STATUS_LABELS, DEPLOYMENT_STATUS_WORDS, RISK_STATUS_LABELS } from '@/lib/domain/statuses';
import { THEME_LABELS } from '@/lib/domain/theme';
import { DEPARTURE_STATUS_LABELS } from '@/lib/domain/trains';
import { RISK_LABELS, TYPE_LABELS } from '@/components/releases/labels';
import { CATALOGUES } from '@/messages';

// The `statuses` catalogue (docs/decisions/058-words-from-the-domain.md) is the vocabulary of
// lib/domain in every language, keyed by the enum values. Its English must stay exactly the
// English constants the API and the callers use, so the two never drift.

const en = CATALOGUES.statuses.en;
const fr = CATALOGUES.statuses.fr;

describe('the statuses catalogue', () => {
  it('says in English exactly what the English constants say', () => {
    expect(en.release).toEqual(STATUS_LABELS);
    expect(en.releaseWord).toEqual(STATUS_WORDS);
    expect(en.transition).toEqual(TRANSITION_ACTIONS);
    expect(en.type).toEqual(TYPE_LABELS);
    expect(en.riskLevel).toEqual(RISK_LABELS);
    expect(en.risk).toEqual(RISK_STATUS_LABELS);
    expect(en.actionItem).toEqual(ACTION_ITEM_STATUS_LABELS);
    expect(en.deployment).toEqual(DEPLOYMENT_STATUS_LABELS);
    expect(en.deploymentWord).toEqual(DEPLOYMENT_STATUS_WORDS);
    expect(en.departure).toEqual(DEPARTURE_STATUS_LABELS);
    expect(en.role).toEqual(ROLE_LABELS);
    expect(en.theme).toEqual(THEME_LABELS);
    expect(en.emailMode).toEqual(EMAIL_MODE_LABELS);
    // a role inside a sentence, and its plural ("release managers", "operations"), as the gates said them
    expect(en.roleWord).toEqual(Object.fromEntries(Object.entries(ROLE_LABELS).map(([r, l]) => [r, l.toLowerCase()])));
    expect(en.rolePlural).toEqual(
      Object.fromEntries(Object.entries(ROLE_LABELS).map(([r, l]) => [r, r === 'operations' ? 'operations' : `${l.toLowerCase()}s`])),
    );
  });

  it('has a word for every release type and the same keys in French', () => {
    expect(Object.keys(en.type).sort()).toEqual([...RELEASE_TYPES].sort());
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [k] : keys(v as object).map((kk) => `${k}.${kk}`)));
    expect(keys(fr).sort()).toEqual(keys(en).sort());
  });

  it('says the notification kinds and groups of the settings page in English as lib/domain does', () => {
    const settings = CATALOGUES.notifications.en.settings;
    const at = (o: object, path: string) => path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);
    for (const g of PREFERENCE_GROUPS) {
      expect(settings.groups[g.key]).toBe(g.title);
      for (const [kind, d] of g.kinds) expect(at(settings.kinds, kind)).toEqual({ label: d.label, description: d.description });
    }
  });

  it('says the integration events in English as lib/domain does', () => {
    const types = CATALOGUES['admin-integrations'].en.eventTypes;
    const at = (o: object, path: string) => path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);
    for (const [event, d] of Object.entries(EVENT_LABELS)) expect(at(types, event)).toEqual(d);
  });

  it('keeps the deployment words the pages wrote by hand ("in progress")', () => {
    expect(DEPLOYMENT_STATUS_WORDS.in_progress).toBe('in progress');
    expect(DEPLOYMENT_STATUS_WORDS.rolled_back).toBe('rolled back');
  });
});
