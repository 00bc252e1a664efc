import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, permissionsOf, ROLE_PERMISSIONS, ROLES, rolesWith } from '@/lib/domain/permissions';

describe('permission table', () => {
  it('fails closed for unknown roles and permissions', () => {
    expect(can(['superuser'], 'release.read')).toBe(false);
    expect(can(['admin'], 'everything')).toBe(false);
    expect(can([], 'release.read')).toBe(false);
    expect(can(['__proto__', 'constructor'], 'release.read')).toBe(false);
  });

  it('lets every role read releases and nobody but admins manage users or read the audit trail', () => {
    for (const role of ROLES) expect(can([role], 'release.read')).toBe(true);
    expect(rolesWith('user.manage')).toEqual(['admin']);
    expect(rolesWith('audit.read')).toEqual(['admin']);
  });

  it('gives admins no bypass: they cannot approve releases or drive them', () => {
    expect(can(['admin'], 'approval.decide')).toBe(false);
    expect(can(['admin'], 'release.transition')).toBe(false);
    expect(can(['admin'], 'deployment.record')).toBe(false);
  });

  it('keeps the viewer read-only', () => {
    const writes = permissionsOf(['viewer']).filter(
      (p) => !['release.read', 'catalog.read', 'policy.read', 'token.own', 'notification.own', 'session.own'].includes(p),
    );
    expect(writes).toEqual([]);
  });

  it('combines roles as a union', () => {
    expect(can(['viewer', 'approver'], 'approval.decide')).toBe(true);
    expect(permissionsOf(['approver', 'operations']).length).toBeGreaterThan(permissionsOf(['approver']).length);
  });

  it('only grants permissions that exist', () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });
});
