import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { UserEditor } from '@/components/admin/user-editor';
import { formatUtc } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { ROLE_LABELS, ROLES } from '@/lib/domain/permissions';
import { requireUser } from '@/lib/server/session';
import { listTeams } from '@/lib/server/teams';
import { getUser } from '@/lib/server/users';
import { guard } from '@/app/_lib/guard';
import { setUserDisabledAction, updateUserAction } from './actions';

export const metadata: Metadata = { title: 'Edit user' };

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser();
  const { id } = await params;
  const loaded = await guard(async () => {
    const [user, teams] = await Promise.all([getUser(actor, id), listTeams(actor)]);
    return { user, teams };
  });
  if (!loaded.ok) return <AccessDenied title="Users" reason={loaded.message} />;
  const { user, teams } = loaded.value;
  if (!user) notFound();

  return (
    <>
      <BackLink href="/admin/users">All users</BackLink>
      <PageHeader
        title={user.name}
        description={
          <>
            <span className="font-mono">{user.email}</span> · last signed in {user.lastSignInAt ? formatUtc(user.lastSignInAt) : 'never'}
          </>
        }
      />
      <UserEditor
        user={{
          id: user.id,
          email: user.email,
          name: user.name,
          roles: user.roles,
          teamId: user.team?.id ?? null,
          disabled: user.disabled,
          version: user.version,
        }}
        roleOptions={roleOptions}
        teamOptions={teams.map((t) => ({ value: t.id, label: t.name }))}
        updateAction={updateUserAction}
        setDisabledAction={setUserDisabledAction}
        isSelf={actor.id === user.id}
      />
    </>
  );
}
