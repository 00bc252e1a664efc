import { describe, expect, it } from 'vitest';
import { can } from '@/lib/domain/permissions';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';
import { CATALOGUES } from '@/messages';
import { nextStepFor, partForOldAnchor, RELEASE_PARTS, releaseHref } from '@/lib/domain/release-parts';

describe('releaseHref', () => {
  it('names the overview and each part', () => {
    expect(releaseHref('REL-12')).toBe('/releases/REL-12');
    expect(releaseHref('REL-12', 'handover', 'review')).toBe('/releases/REL-12/handover#review');
    expect(new Set(RELEASE_PARTS.map((p) => releaseHref('REL-1', p.part))).size).toBe(RELEASE_PARTS.length);
  });
});

describe('partForOldAnchor', () => {
  it('sends every section of the old one-page release to its part', () => {
    expect(partForOldAnchor('#handover')).toEqual({ part: 'handover' });
    expect(partForOldAnchor('review')).toEqual({ part: 'handover', anchor: 'review' });
    expect(partForOldAnchor('freeze-overrides')).toEqual({ part: 'schedule', anchor: 'freeze-overrides' });
    expect(partForOldAnchor('approval-ck12ab')).toEqual({ part: 'approvals', anchor: 'approval-ck12ab' });
    for (const a of ['package', 'risks', 'plan', 'approvals', 'schedule', 'deployments', 'backout', 'history']) expect(partForOldAnchor(a)?.part).toBe(a);
  });
  it('keeps what the overview still shows, and ignores anything else', () => {
    for (const a of ['lifecycle', 'overview', 'environments', 'stakeholders', '', 'approval-<script>', 'nope']) expect(partForOldAnchor(a)).toBeNull();
  });
});

describe('nextStepFor', () => {
  const as =
    (...roles: string[]) =>
    (p: string) =>
      can(roles, p);
  it('tells each person what is theirs to do in each status', () => {
    expect(nextStepFor('draft', as('release_manager'), 'REL-1')?.part).toBe('package');
    expect(nextStepFor('submitted', as('approver'), 'REL-1')?.href).toBe('/approvals/REL-1');
    expect(nextStepFor('approved', as('release_manager'), 'REL-1')?.part).toBe('schedule');
    expect(nextStepFor('deploying', as('operations'), 'REL-1')?.part).toBe('deployments');
    expect(nextStepFor('handed_over', as('operations'), 'REL-1')?.text).toMatch(/acknowledge/);
    expect(nextStepFor('in_review', as('release_manager'), 'REL-1')).toMatchObject({ part: 'handover', anchor: 'review' });
  });
  it('has nothing for a viewer, nor for a finished release', () => {
    for (const s of RELEASE_STATUSES) expect(nextStepFor(s, as('viewer'), 'REL-1')).toBeNull();
    expect(nextStepFor('closed', as('release_manager', 'admin'), 'REL-1')).toBeNull();
    expect(nextStepFor('cancelled', as('release_manager'), 'REL-1')).toBeNull();
  });
  it('says in the catalogue, in English, exactly its English sentence', () => {
    const steps = CATALOGUES['release-page'].en.overview.nextStep.steps;
    const people = [['release_manager'], ['approver'], ['operations'], ['admin'], ['release_manager', 'approver']];
    const seen = new Set<string>();
    for (const s of RELEASE_STATUSES)
      for (const roles of people) {
        const step = nextStepFor(s, as(...roles), 'REL-1');
        if (!step) continue;
        seen.add(step.key);
        expect(steps[step.key]).toBe(step.text);
      }
    expect([...seen].sort()).toEqual(Object.keys(steps).sort());
  });
});
