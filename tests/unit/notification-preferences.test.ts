import { describe, expect, it } from 'vitest';
import { defaultChoice, defaultsTable, effectiveChoice, isPreferenceKind, isSecurityKind, PREFERENCE_KINDS } from '@/lib/domain/notification-preferences';
import { ROLES } from '@/lib/domain/permissions';

// The defaults per role and the security rule (issue 13; docs/decisions/029-notification-preferences.md).

describe('notification preferences', () => {
  it('asks approvers for their decisions at once and keeps viewers to the digest', () => {
    expect(defaultChoice('approval.requested', ['approver'])).toEqual({ inApp: true, email: 'immediate' });
    expect(defaultChoice('approval.expiring', ['approver'])).toEqual({ inApp: true, email: 'immediate' });
    expect(defaultChoice('approval.expiring', ['viewer'])).toEqual({ inApp: true, email: 'digest' });
    expect(defaultChoice('release.progress', ['viewer'])).toEqual({ inApp: true, email: 'digest' });
    expect(defaultChoice('release.progress', ['release_manager'])).toEqual({ inApp: true, email: 'immediate' });
    expect(defaultChoice('window.opening', ['operations'])).toEqual({ inApp: true, email: 'immediate' });
  });

  it('gives a person with several roles the most urgent of their defaults', () => {
    expect(defaultChoice('release.progress', ['viewer', 'release_manager']).email).toBe('immediate');
  });

  it('sends viewers no kind by e-mail immediately unless it is about their own release going wrong', () => {
    const immediate = defaultsTable(ROLES)
      .filter((row) => row.email.viewer === 'immediate')
      .map((row) => row.kind);
    // (reminders and escalations go only to the people who must act: approvers, the CAB, admins, owners)
    expect(
      immediate.filter(
        (k) =>
          !/^(approval\.(requested|expired|reminder|escalated)|deployment\.failed|release\.rolled_back|freeze\.[a-z_]+|train\.late_join_[a-z]+|handover\.questions|window\.missed_escalated|integration\.disabled)$/.test(
            k,
          ),
      ),
    ).toEqual([]);
    expect(defaultsTable(ROLES).filter((row) => row.email.viewer === 'digest').length).toBeGreaterThan(5);
  });

  it('e-mails kinds it does not know immediately', () => {
    expect(defaultChoice('something.new', ['viewer'])).toEqual({ inApp: true, email: 'immediate' });
  });

  it('follows a stored choice', () => {
    expect(effectiveChoice('release.progress', ['viewer'], { inApp: false, email: 'off' })).toEqual({ inApp: false, email: 'off' });
  });

  it('never switches off the e-mail of a security kind', () => {
    expect(isSecurityKind('security.new_sign_in')).toBe(true);
    expect(isSecurityKind('account.role_changed')).toBe(true);
    expect(isSecurityKind('release.progress')).toBe(false);
    expect(effectiveChoice('security.new_sign_in', ['viewer'], { inApp: false, email: 'off' })).toEqual({ inApp: false, email: 'immediate' });
    expect(effectiveChoice('security.new_sign_in', ['viewer'], { inApp: true, email: 'digest' }).email).toBe('digest');
    expect(isPreferenceKind('security.new_sign_in')).toBe(true);
  });

  it('lists each kind once, and none about security on the page', () => {
    expect(new Set(PREFERENCE_KINDS).size).toBe(PREFERENCE_KINDS.length);
    expect(PREFERENCE_KINDS.filter(isSecurityKind)).toEqual([]);
    expect(isPreferenceKind('approval.requested')).toBe(true);
    expect(isPreferenceKind('made.up')).toBe(false);
  });
});
