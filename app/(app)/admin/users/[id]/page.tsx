import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { UserEditor } from '@/components/admin/user-editor';
import { PasswordResetForm } from '@/components/admin/password-reset-form';
import { SessionTable } from '@/components/sessions/session-table';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { Section } from '@/components/ui/section';
import { formatWhen } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { ROLE_LABELS, ROLES } from '@/lib/domain/permissions';
import { requireUser } from '@/lib/server/session';
import { listTeams } from '@/lib/server/teams';
import { getUser } from '@/lib/server/users';
import { listUserSessions } from '@/lib/server/sessions';
import { PASSWORD_MIN_LENGTH } from '@/lib/server/password';
import { guard } from '@/app/_lib/guard';
import { endUserSessionsAction, resetPasswordAction, setUserDisabledAction, updateUserAction } from './actions';

export const metadata: Metadata = { title: 'Edit user' };

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const { id } = await params;
  const loaded = await guard(async () => {
    const [user, teams, sessions] = await Promise.all([getUser(actor, id), listTeams(actor), listUserSessions(actor, id)]);
    return { user, teams, sessions };
  });
  if (!loaded.ok) return <AccessDenied title="Users" reason={loaded.message} />;
  const { user, teams, sessions } = loaded.value;
  if (!user) notFound();

  return (
    <>
      <BackLink href="/admin/users">All users</BackLink>
      <PageHeader
        title={user.name}
        description={
          <>
            <span className="font-mono">{user.email}</span> · last signed in{' '}
            {user.lastSignInAt ? formatWhen(user.lastSignInAt, viewer, { weekday: false }) : 'never'}
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
      <div className="mt-6 space-y-6">
        <Section id="sessions" title="Sessions" count={sessions.length} bare>
          <p className="mb-2 text-xs text-gray-700">
            Where {user.name} is signed in. Ending their sessions signs them out everywhere at once; they can sign in again.
          </p>
          <SessionTable sessions={sessions} caption={`Active sessions of ${user.email}`} empty="Not signed in anywhere." />
          {sessions.length ? (
            <div className="mt-3">
              <ConfirmAction
                action={endUserSessionsAction}
                id={user.id}
                trigger="End all sessions"
                question={`Sign ${user.name} out of every browser and device${actor.id === user.id ? ', this one included' : ''}?`}
                confirmLabel="Yes, end them"
                pendingText="Ending…"
              />
            </div>
          ) : null}
        </Section>
        <Section id="reset-password" title="Reset password">
          <PasswordResetForm action={resetPasswordAction} userId={user.id} passwordMinLength={PASSWORD_MIN_LENGTH} />
        </Section>
      </div>
    </>
  );
}
