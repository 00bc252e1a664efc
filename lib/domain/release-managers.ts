// Who may change a release (issue 14, point 6; docs/decisions/039-who-may-edit-a-release.md).
//
// A release is changed by the people who manage it: its owner, its co-managers (a list on
// the release) and the release managers of the owner's team. Every other release manager
// reads it. The role check (lib/domain/permissions.ts) comes first; this rule narrows the
// release manager's permissions to the releases they manage. Actions that belong to other
// roles (approving, recording deployments, acknowledging a handover) are not narrowed.

export interface ManagingActor {
  /** null for the command line and jobs (the system actor): they act for the operator */
  id: string | null;
  roles: readonly string[];
  teamId: string | null;
}

export interface ManagedRelease {
  key: string;
  ownerId: string;
  ownerName: string;
  /** the owner's team, or null when the owner belongs to no team */
  ownerTeamId: string | null;
  ownerTeamName: string | null;
  coManagers: readonly { id: string; name: string }[];
}

export type ManageDecision =
  | { ok: true; as: 'system' | 'owner' | 'co-manager' | 'team' }
  | {
      ok: false;
      /** the refusal, naming who may change the release and what would let the actor do it */
      message: string;
    };

/** "A", "A and B", "A, B and C". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "REL-12's owner (Maya Manager), its co-managers (Rob) and release managers of the Payments team". */
export function whoMayManage(release: ManagedRelease): string {
  const parts = [`${release.key}'s owner (${release.ownerName})`];
  if (release.coManagers.length) {
    const names = release.coManagers.map((c) => c.name);
    parts.push(`its co-manager${names.length === 1 ? '' : 's'} (${listWords(names)})`);
  }
  if (release.ownerTeamName) parts.push(`release managers of the ${release.ownerTeamName} team`);
  return listWords(parts);
}

/** The one rule: may this actor change this release? */
export function mayManageRelease(actor: ManagingActor, release: ManagedRelease): ManageDecision {
  if (actor.id === null) return { ok: true, as: 'system' };
  if (actor.id === release.ownerId) return { ok: true, as: 'owner' };
  if (release.coManagers.some((c) => c.id === actor.id)) return { ok: true, as: 'co-manager' };
  if (release.ownerTeamId !== null && actor.teamId === release.ownerTeamId && actor.roles.includes('release_manager')) {
    return { ok: true, as: 'team' };
  }
  return {
    ok: false,
    message: `Only ${whoMayManage(release)} may change it. Ask the owner to add you as a co-manager.`,
  };
}

/** The read-only note on the release page for someone who may read but not change it. */
export function readOnlyNote(release: ManagedRelease): string {
  return `You can read ${release.key}. Changes are for ${whoMayManage(release)}: ask the owner to add you as a co-manager.`;
}
