import { describe, expect, it } from 'vitest';
import { groupsFromClaim, identityProviderUrlAllowed, issuerProblem, mapGroups, ssoRefusalMessage } from '@/lib/domain/sso';

describe('issuer addresses', () => {
  it('takes https anywhere and plain http only on this machine', () => {
    expect(issuerProblem('https://login.example.com/realms/acme')).toBeNull();
    expect(issuerProblem('http://127.0.0.1:3321')).toBeNull();
    expect(issuerProblem('http://localhost:8080/realms/test')).toBeNull();
    expect(issuerProblem('http://[::1]:3321')).toBeNull();
    expect(issuerProblem('http://login.example.com')).toMatch(/must be an https:\/\/ URL/);
    expect(issuerProblem('http://10.0.0.5')).toMatch(/https/);
    expect(issuerProblem('http://127.0.0.1.evil.example')).toMatch(/https/);
    expect(issuerProblem('ftp://127.0.0.1')).toMatch(/https/);
    expect(issuerProblem('not a url')).toMatch(/issuer URL/);
    expect(identityProviderUrlAllowed(new URL('http://192.168.1.1/token'))).toBe(false);
    expect(identityProviderUrlAllowed(new URL('https://192.168.1.1/token'))).toBe(true);
  });
});

describe('groups claims', () => {
  it('reads a list or one string, drops the rest and duplicates', () => {
    expect(groupsFromClaim(['a', ' b ', 'a', 3, '', null, 'x'.repeat(300)])).toEqual(['a', 'b']);
    expect(groupsFromClaim('admins')).toEqual(['admins']);
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim({ a: 1 })).toEqual([]);
    expect(groupsFromClaim(Array.from({ length: 600 }, (_, i) => `g${i}`))).toHaveLength(500);
  });
});

describe('mapping groups', () => {
  const mappings = [
    { group: 'ops', roles: ['operations'], teamId: 'team-ops', priority: 50 },
    { group: 'cab', roles: ['approver', 'viewer'], teamId: 'team-cab', priority: 10 },
    { group: 'all', roles: ['viewer'], teamId: null, priority: 0 },
    { group: 'old', roles: ['superuser'], teamId: null, priority: 0 },
  ];

  it('adds up the roles of every matching group, in Relm’s order', () => {
    expect(mapGroups(['ops', 'cab', 'stranger'], mappings)).toEqual({
      roles: ['approver', 'operations', 'viewer'],
      teamId: 'team-cab',
      matched: ['cab', 'ops'],
    });
  });

  it('takes the team of the first matching mapping that names one, by priority then name', () => {
    expect(mapGroups(['all', 'ops'], mappings).teamId).toBe('team-ops');
    expect(mapGroups(['all'], mappings)).toEqual({ roles: ['viewer'], teamId: null, matched: ['all'] });
    const tie = [
      { group: 'b', roles: ['viewer'], teamId: 'tb', priority: 1 },
      { group: 'a', roles: ['viewer'], teamId: 'ta', priority: 1 },
    ];
    expect(mapGroups(['b', 'a'], tie).teamId).toBe('ta');
  });

  it('gives nothing for no match, unknown roles, or a group in another case', () => {
    expect(mapGroups([], mappings).roles).toEqual([]);
    expect(mapGroups(['old'], mappings).roles).toEqual([]);
    expect(mapGroups(['OPS'], mappings).roles).toEqual([]);
  });
});

describe('refusal messages', () => {
  it('names the groups to map, or says none came', () => {
    expect(ssoRefusalMessage('no_role', ['/staff', 'vpn'])).toMatch(/not mapped to any Relm role.*map one of your groups to a role: \/staff, vpn\./);
    expect(ssoRefusalMessage('no_role', [])).toMatch(/sent no groups/);
    expect(ssoRefusalMessage('disabled', null)).toMatch(/disabled/);
  });
});
