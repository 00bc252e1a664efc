import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { UserEditor } from '@/components/admin/user-editor';
import { PasswordResetForm } from '@/components/admin/password-reset-form';
import { SessionTable } from '@/components/sessions/session-table';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { Section } from '@/components/ui/section';
import { formatWhen } from '@/components/format';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { ROLES } from '@/lib/domain/permissions';
import { getStatusWords } from '@/components/i18n/status-words';
import { requireUser } from '@/lib/server/session';
import { listTeams } from '@/lib/server/teams';
import { getUser } from '@/lib/server/users';
import { listUserSessions, sessionsIn } from '@/lib/server/sessions';
import { PASSWORD_MIN_LENGTH } from '@/lib/server/password';
import { guard } from '@/app/_lib/guard';
import { endUserSessionsAction, resetPasswordAction, setUserDisabledAction, updateUserAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-users');
  return { title: t('editTitle') };
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await currentViewer();
  const t = await getTranslations('admin-users');
  const word = await getStatusWords();
  const roleOptions = ROLES.map((r) => ({ value: r, label: word('role', r) }));
  const actor = await requireUser();
  const { id } = await params;
  const loaded = await guard(async () => {
    const [user, teams, sessions] = await Promise.all([getUser(actor, id), listTeams(actor), listUserSessions(actor, id)]);
    return { user, teams, sessions };
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const { user, teams, sessions } = loaded.value;
  if (!user) notFound();
  const mono = (chunks: ReactNode) => <span className="font-mono">{chunks}</span>;

  return (
    <ClientMessages namespaces={['admin-users']}>
      <BackLink href="/admin/users">{t('detail.allUsers')}</BackLink>
      <PageHeader
        title={user.name}
        description={
          user.lastSignInAt
            ? t.rich('detail.lastSignedIn', { email: user.email, when: formatWhen(user.lastSignInAt, viewer, { weekday: false }), mono })
            : t.rich('detail.lastSignedInNever', { email: user.email, mono })
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
        <Section id="sessions" title={t('detail.sessions.heading')} count={sessions.length} bare>
          <p className="mb-2 text-xs text-gray-700">{t('detail.sessions.intro', { name: user.name })}</p>
          <SessionTable
            sessions={sessionsIn(sessions, await getLocale())}
            caption={t('detail.sessions.caption', { email: user.email })}
            empty={t('detail.sessions.empty')}
          />
          {sessions.length ? (
            <div className="mt-3">
              <ConfirmAction
                action={endUserSessionsAction}
                id={user.id}
                trigger={t('detail.sessions.endAll')}
                question={t(actor.id === user.id ? 'detail.sessions.endAllQuestionSelf' : 'detail.sessions.endAllQuestion', { name: user.name })}
                confirmLabel={t('detail.sessions.confirm')}
                pendingText={t('detail.sessions.pending')}
              />
            </div>
          ) : null}
        </Section>
        <Section id="reset-password" title={t('detail.resetHeading')}>
          <PasswordResetForm action={resetPasswordAction} userId={user.id} passwordMinLength={PASSWORD_MIN_LENGTH} />
        </Section>
      </div>
    </ClientMessages>
  );
}
