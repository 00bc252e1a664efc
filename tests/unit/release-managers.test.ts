import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listWords, mayManageRelease, readOnlyNote, whoMayManage, type ManagedRelease } from '@/lib/domain/release-managers';

const release: ManagedRelease = {
  key: 'REL-12',
  ownerId: 'maya',
  ownerName: 'Maya Manager',
  ownerTeamId: 'payments',
  ownerTeamName: 'Payments',
  coManagers: [{ id: 'rob', name: 'Rob Roe' }],
};
const rm = (id: string | null, teamId: string | null = null) => ({ id, roles: ['release_manager'], teamId });

describe('who may change a release', () => {
  it('lets the owner, a co-manager and a release manager of the owner team change it', () => {
    expect(mayManageRelease(rm('maya'), release)).toEqual({ ok: true, as: 'owner' });
    expect(mayManageRelease(rm('rob', 'platform'), release)).toEqual({ ok: true, as: 'co-manager' });
    expect(mayManageRelease(rm('pat', 'payments'), release)).toEqual({ ok: true, as: 'team' });
  });

  it('lets the command line and jobs (no user) act', () => {
    expect(mayManageRelease(rm(null), release)).toEqual({ ok: true, as: 'system' });
  });

  it('refuses a release manager of another team, naming who may and what to ask', () => {
    const d = mayManageRelease(rm('sam', 'platform'), release);
    expect(d).toEqual({
      ok: false,
      message:
        "Only REL-12's owner (Maya Manager), its co-manager (Rob Roe) and release managers of the Payments team may change it. Ask the owner to add you as a co-manager.",
    });
  });

  it('counts team membership only for release managers of that team', () => {
    expect(mayManageRelease({ id: 'ann', roles: ['approver'], teamId: 'payments' }, release).ok).toBe(false);
  });

  it('gives a team-less owner no team: a team-less release manager is not "the same team"', () => {
    const lone = { ...release, ownerTeamId: null, ownerTeamName: null, coManagers: [] };
    expect(mayManageRelease(rm('sam', null), lone).ok).toBe(false);
    expect(whoMayManage(lone)).toBe("REL-12's owner (Maya Manager)");
  });

  it('words the lists', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['a'])).toBe('a');
    expect(listWords(['a', 'b', 'c'])).toBe('a, b and c');
    const two = { ...release, coManagers: [...release.coManagers, { id: 'zoe', name: 'Zoe' }] };
    expect(whoMayManage(two)).toBe("REL-12's owner (Maya Manager), its co-managers (Rob Roe and Zoe) and release managers of the Payments team");
    expect(readOnlyNote(release)).toBe(
      "You can read REL-12. Changes are for REL-12's owner (Maya Manager), its co-manager (Rob Roe) and release managers of the Payments team: ask the owner to add you as a co-manager.",
    );
  });

  it('allows exactly the owner, co-managers and same-team release managers (property)', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const team = fc.option(fc.constantFrom('t1', 't2'), { nil: null });
    fc.assert(
      fc.property(id, team, id, team, fc.uniqueArray(id, { maxLength: 3 }), fc.boolean(), (actorId, actorTeam, ownerId, ownerTeam, co, isRm) => {
        const r: ManagedRelease = {
          key: 'REL-1',
          ownerId,
          ownerName: 'O',
          ownerTeamId: ownerTeam,
          ownerTeamName: ownerTeam,
          coManagers: co.map((c) => ({ id: c, name: c })),
        };
        const d = mayManageRelease({ id: actorId, roles: isRm ? ['release_manager'] : ['viewer'], teamId: actorTeam }, r);
        const expected = actorId === ownerId || co.includes(actorId) || (isRm && ownerTeam !== null && actorTeam === ownerTeam);
        expect(d.ok).toBe(expected);
        if (!d.ok) expect(d.message).toContain("REL-1's owner (O)");
      }),
    );
  });
});
