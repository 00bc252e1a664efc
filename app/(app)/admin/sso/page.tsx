import type { Metadata } from 'next';
import { AccessDenied } from '@/components/route/access-denied';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { ROLES, ROLE_LABELS } from '@/lib/domain/permissions';
import { roleList } from '@/lib/domain/sso';
import { requireUser } from '@/lib/server/session';
import { getSsoAdmin } from '@/lib/server/sso-admin';
import { guard } from '@/app/_lib/guard';
import { createGroupMappingAction, deleteGroupMappingAction, updateSignInSettingsAction } from './actions';
import { GroupMappingForm } from './mapping-form';
import { SignInSettingsForm } from './sign-in-settings-form';

export const metadata: Metadata = { title: 'Single sign-on' };

export default async function SsoPage() {
  const actor = await requireUser();
  const loaded = await guard(() => getSsoAdmin(actor));
  if (!loaded.ok) return <AccessDenied title="Single sign-on" reason={loaded.message} />;
  const view = loaded.value;
  const { config } = view;

  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Sign-in through your organisation’s OpenID Connect identity provider: which groups get which roles and team, and whether passwords still work."
      />
      <div className="space-y-5">
        <Section id="sso-provider" title="Identity provider">
          {config ? (
            <DescriptionList
              columns={2}
              items={[
                { term: 'Button', value: `Sign in with ${config.name}` },
                { term: 'Issuer', value: <code className="font-mono text-xs break-all">{config.issuer}</code> },
                { term: 'Client id', value: <code className="font-mono text-xs break-all">{config.clientId}</code> },
                { term: 'Redirect URI to register', value: <code className="font-mono text-xs break-all">{config.callbackUrl}</code> },
                { term: 'Groups claim', value: <code className="font-mono text-xs">{config.groupsClaim}</code> },
                { term: 'Scopes', value: <code className="font-mono text-xs">{config.scopes}</code> },
                { term: 'People linked', value: view.linkedUsers },
              ]}
            />
          ) : (
            <p className="text-sm text-gray-800">
              Single sign-on is not configured. Set <code className="font-mono text-xs">RELM_OIDC_ISSUER</code>,{' '}
              <code className="font-mono text-xs">RELM_OIDC_CLIENT_ID</code> and <code className="font-mono text-xs">RELM_OIDC_CLIENT_SECRET</code> and restart
              Relm (see the README). Mappings can be prepared meanwhile.
            </p>
          )}
        </Section>

        <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="min-w-0">
            <Section id="sso-mappings" title="Group mappings" count={view.mappings.length} bare>
              <p className="mb-3 text-sm text-gray-800">
                At each single sign-on a person gets the roles of every group of theirs mapped here, and the team of the first matching mapping that names one
                (lowest priority first); with no team named, their team stays as an admin set it. Someone whose groups map to no role is refused.
              </p>
              {view.mappings.length ? (
                <Table caption="Groups of the identity provider and the roles and team they give">
                  <THead>
                    <tr>
                      <Th>Group</Th>
                      <Th>Roles</Th>
                      <Th>Team</Th>
                      <Th className="text-right">Priority</Th>
                      <Th>
                        <span className="sr-only">Actions</span>
                      </Th>
                    </tr>
                  </THead>
                  <TBody>
                    {view.mappings.map((m) => (
                      <Tr key={m.id}>
                        <Td className="font-mono text-xs break-all">{m.group}</Td>
                        <Td>{roleList(m.roles)}</Td>
                        <Td>{m.team?.name ?? <span className="text-gray-700">—</span>}</Td>
                        <Td className="text-right tabular-nums">{m.priority}</Td>
                        <Td>
                          <ConfirmAction
                            action={deleteGroupMappingAction}
                            id={m.id}
                            size="sm"
                            dense
                            trigger="Delete"
                            triggerAriaLabel={`Delete the mapping of ${m.group}`}
                            question={`Delete the mapping of ${m.group}? Its members lose what it gives at their next single sign-on.`}
                            confirmLabel="Yes, delete"
                            pendingText="Deleting…"
                          />
                        </Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              ) : (
                <EmptyState title="No groups mapped yet">Until a group is mapped to a role, single sign-on refuses everyone.</EmptyState>
              )}
            </Section>
          </div>
          <Panel headingId="add-mapping-heading" title="Map a group" selfStart>
            <GroupMappingForm
              action={createGroupMappingAction}
              roleOptions={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              teamOptions={view.teams.map((t) => ({ value: t.id, label: t.name }))}
              groupsClaim={config?.groupsClaim ?? 'groups'}
            />
          </Panel>
        </div>

        <Panel headingId="password-sign-in-heading" title="Password sign-in">
          <p className="mb-3 text-sm text-gray-800">
            {view.passwordSignIn
              ? 'Everyone may sign in with a password, beside single sign-on.'
              : 'Password sign-in is off: people sign in with single sign-on; only the break-glass admins below may use a password.'}{' '}
            Switching it off needs single sign-on configured and at least one break-glass admin. If you are ever locked out, run{' '}
            <code className="font-mono text-xs">npm run relm -- sign-in passwords-on</code> on the server.
          </p>
          {view.breakGlass.some((b) => !b.admin || b.disabled) ? (
            <p className="mb-3 text-sm text-amber-900">
              Not usable now:{' '}
              {view.breakGlass
                .filter((b) => !b.admin || b.disabled)
                .map((b) => `${b.email} (${b.disabled ? 'disabled' : 'no longer an admin'})`)
                .join(', ')}
              .
            </p>
          ) : null}
          <SignInSettingsForm
            action={updateSignInSettingsAction}
            passwordSignIn={view.passwordSignIn}
            breakGlassEmails={view.breakGlass.map((b) => b.email).join('\n')}
          />
        </Panel>
      </div>
    </>
  );
}
