// The one permission table. Roles map to permissions; anything not listed is
// refused, and an unknown role or permission grants nothing (fail closed).

export const ROLES = ['admin', 'release_manager', 'approver', 'operations', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  release_manager: 'Release manager',
  approver: 'Approver',
  operations: 'Operations',
  viewer: 'Viewer',
};

export const PERMISSIONS = [
  'release.read',
  'release.create',
  'release.edit',
  'release.transition',
  'package.edit',
  'risk.edit',
  'plan.edit',
  'approval.decide',
  'approval.confirm_emergency',
  'approval.inbox',
  'catalog.read',
  'component.edit',
  'build.record',
  'environment.edit',
  'freeze.edit',
  'freeze.override',
  'deployment.record',
  'handover.prepare',
  'handover.acknowledge',
  'review.edit',
  'policy.read',
  'policy.edit',
  'user.read',
  'user.manage',
  'team.manage',
  'audit.read',
  'token.own',
  'notification.own',
  'session.own',
  'integration.manage',
  'comment.write',
  'train.write',
  /** save releases as templates, rename and retire templates (docs/decisions/044) */
  'template.write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['release.read', 'catalog.read', 'policy.read', 'token.own', 'notification.own', 'session.own'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...READ,
    'environment.edit',
    'component.edit',
    'freeze.edit',
    'freeze.override',
    'policy.edit',
    'user.read',
    'user.manage',
    'team.manage',
    'audit.read',
    'approval.confirm_emergency',
    'integration.manage',
    'comment.write',
    'train.write',
    'template.write',
  ],
  release_manager: [
    ...READ,
    'comment.write',
    'release.create',
    'release.edit',
    'release.transition',
    'package.edit',
    'risk.edit',
    'plan.edit',
    'component.edit',
    'build.record',
    'handover.prepare',
    'review.edit',
    'freeze.override',
    'train.write',
    'template.write',
  ],
  approver: [...READ, 'approval.decide', 'approval.confirm_emergency', 'approval.inbox', 'comment.write'],
  // Operations approve where the policy asks for an operations approval (e.g. the
  // medium-risk rule "1 approver and 1 from operations"); which rule a decision
  // counts for is decided by the policy, not here.
  operations: [...READ, 'deployment.record', 'handover.acknowledge', 'build.record', 'approval.decide', 'approval.inbox', 'comment.write'],
  viewer: [...READ],
};

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);
const isPermission = (p: string): p is Permission => (PERMISSIONS as readonly string[]).includes(p);

/** True only when one of the (known) roles grants this (known) permission. */
export function can(roles: readonly string[], permission: string): boolean {
  if (!isPermission(permission)) return false;
  return roles.some((r) => isRole(r) && ROLE_PERMISSIONS[r].includes(permission));
}

export function permissionsOf(roles: readonly string[]): Permission[] {
  return PERMISSIONS.filter((p) => can(roles, p));
}

/** Which roles hold a permission: used to explain a refusal. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}
