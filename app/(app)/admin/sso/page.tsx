import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { ROLES } from '@/lib/domain/permissions';
import { getStatusWords } from '@/components/i18n/status-words';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { getSsoAdmin } from '@/lib/server/sso-admin';
import { guard } from '@/app/_lib/guard';
import { createGroupMappingAction, deleteGroupMappingAction, updateSignInSettingsAction } from './actions';
import { GroupMappingForm } from './mapping-form';
import { SignInSettingsForm } from './sign-in-settings-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-sso');
  return { title: t('title') };
}

const code = (chunks: ReactNode) => <code className="font-mono text-xs">{chunks}</code>;

export default async function SsoPage() {
  const actor = await requireUser();
  const [t, locale] = await Promise.all([getTranslations('admin-sso'), getLocale().then(languageOf)]);
  const word = await getStatusWords();
  const loaded = await guard(() => getSsoAdmin(actor));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const view = loaded.value;
  const { config } = view;

  return (
    <ClientMessages namespaces={['admin-sso']}>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="space-y-5">
        <Section id="sso-provider" title={t('provider.heading')}>
          {config ? (
            <DescriptionList
              columns={2}
              items={[
                { term: t('provider.button'), value: t('provider.buttonValue', { name: config.name }) },
                { term: t('provider.issuer'), value: <code className="font-mono text-xs break-all">{config.issuer}</code> },
                { term: t('provider.clientId'), value: <code className="font-mono text-xs break-all">{config.clientId}</code> },
                { term: t('provider.redirectUri'), value: <code className="font-mono text-xs break-all">{localize(config.callbackUrl, locale)}</code> },
                { term: t('provider.groupsClaim'), value: <code className="font-mono text-xs">{config.groupsClaim}</code> },
                { term: t('provider.scopes'), value: <code className="font-mono text-xs">{config.scopes}</code> },
                { term: t('provider.linked'), value: view.linkedUsers },
              ]}
            />
          ) : (
            <p className="text-sm text-gray-800">{t.rich('provider.notConfigured', { code })}</p>
          )}
        </Section>

        <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="min-w-0">
            <Section id="sso-mappings" title={t('mappings.heading')} count={view.mappings.length} bare>
              <p className="mb-3 text-sm text-gray-800">{t('mappings.intro')}</p>
              {view.mappings.length ? (
                <Table caption={t('mappings.caption')}>
                  <THead>
                    <tr>
                      <Th>{t('mappings.columns.group')}</Th>
                      <Th>{t('mappings.columns.roles')}</Th>
                      <Th>{t('mappings.columns.team')}</Th>
                      <Th className="text-right">{t('mappings.columns.priority')}</Th>
                      <Th>
                        <span className="sr-only">{t('mappings.columns.actions')}</span>
                      </Th>
                    </tr>
                  </THead>
                  <TBody>
                    {view.mappings.map((m) => (
                      <Tr key={m.id}>
                        <Td className="font-mono text-xs break-all">{m.group}</Td>
                        <Td>{m.roles.map((r) => word('role', r)).join(', ')}</Td>
                        <Td>{m.team?.name ?? <span className="text-gray-700">—</span>}</Td>
                        <Td className="text-right tabular-nums">{m.priority}</Td>
                        <Td>
                          <ConfirmAction
                            action={deleteGroupMappingAction}
                            id={m.id}
                            size="sm"
                            dense
                            trigger={t('mappings.delete.trigger')}
                            triggerAriaLabel={t('mappings.delete.label', { group: m.group })}
                            question={t('mappings.delete.question', { group: m.group })}
                            confirmLabel={t('mappings.delete.confirm')}
                            pendingText={t('mappings.delete.pending')}
                          />
                        </Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              ) : (
                <EmptyState title={t('mappings.empty.title')}>{t('mappings.empty.body')}</EmptyState>
              )}
            </Section>
          </div>
          <Panel headingId="add-mapping-heading" title={t('mappings.addHeading')} selfStart>
            <GroupMappingForm
              action={createGroupMappingAction}
              roleOptions={ROLES.map((r) => ({ value: r, label: word('role', r) }))}
              teamOptions={view.teams.map((team) => ({ value: team.id, label: team.name }))}
              groupsClaim={config?.groupsClaim ?? 'groups'}
            />
          </Panel>
        </div>

        <Panel headingId="password-sign-in-heading" title={t('passwords.heading')}>
          <p className="mb-3 text-sm text-gray-800">
            {view.passwordSignIn ? t('passwords.on') : t('passwords.off')} {t.rich('passwords.howToSwitch', { code })}
          </p>
          {view.breakGlass.some((b) => !b.admin || b.disabled) ? (
            <p className="mb-3 text-sm text-amber-900">
              {t('passwords.notUsable', {
                list: view.breakGlass
                  .filter((b) => !b.admin || b.disabled)
                  .map((b) => t(b.disabled ? 'passwords.disabled' : 'passwords.notAdmin', { email: b.email }))
                  .join(', '),
              })}
            </p>
          ) : null}
          <SignInSettingsForm
            action={updateSignInSettingsAction}
            passwordSignIn={view.passwordSignIn}
            breakGlassEmails={view.breakGlass.map((b) => b.email).join('\n')}
          />
        </Panel>
      </div>
    </ClientMessages>
  );
}
