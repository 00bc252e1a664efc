import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { PolicyForm } from '@/components/policy/policy-form';
import { PolicyHistory } from '@/components/policy/policy-history';
import { AccessDenied } from '@/components/route/access-denied';
import { FormError } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { When } from '@/components/ui/text';
import { policyToFormValues } from '@/lib/domain/policy-form';
import { listPolicyVersions, policyEditorData } from '@/lib/server/policy';
import { listTemplates } from '@/lib/server/templates';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { updatePolicyAction } from './actions';
import { ClientMessages } from '@/components/i18n/client-messages';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-policy');
  return { title: t('title') };
}

export default async function AdminPolicyPage() {
  const actor = await requireUser();
  const t = await getTranslations('admin-policy');
  const loaded = await guard(() => policyEditorData(actor));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const { current, teams } = loaded.value;
  const versions = await listPolicyVersions(actor);
  const templateNames = (await listTemplates(actor)).map((t) => t.name);

  return (
    <ClientMessages namespaces={['policy']}>
      <>
        <PageHeader
          title={t('title')}
          description={
            current
              ? t.rich('current', {
                  version: current.version,
                  by: current.createdBy ?? 'Relm',
                  when: () => <When iso={current.createdAt} />,
                  link: (chunks) => (
                    <Link href="/policy" className="link">
                      {chunks}
                    </Link>
                  ),
                })
              : t('none')
          }
        />
        <div className="space-y-6">
          {current && !current.document ? (
            <FormError>
              {t('invalid', {
                version: current.version,
                errors: Object.entries(current.errors ?? {})
                  .map(([p, m]) => `${p}: ${m.join(' ')}`)
                  .join('; '),
              })}
            </FormError>
          ) : null}
          <Section id="edit" title={t('editHeading')} bare>
            <PolicyForm
              action={updatePolicyAction}
              initial={current?.document ? policyToFormValues(current.document) : {}}
              basedOnVersion={current?.version ?? 0}
              teams={teams}
              templateNames={templateNames}
            />
          </Section>
          <Section id="history" title={t('historyHeading')} count={versions.length}>
            <PolicyHistory versions={versions} />
          </Section>
          {current ? (
            <details className="rounded-md border border-gray-200 bg-white p-3">
              <summary className="cursor-pointer text-sm font-medium text-blue-800">{t('rawJson', { version: current.version })}</summary>
              <pre className="mt-2 max-h-[32rem] overflow-auto rounded bg-gray-50 p-2 font-mono text-xs text-gray-900">
                {JSON.stringify(current.raw, null, 2)}
              </pre>
            </details>
          ) : null}
        </div>
      </>
    </ClientMessages>
  );
}
