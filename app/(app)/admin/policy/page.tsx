import type { Metadata } from 'next';
import Link from 'next/link';
import { ClientMessages } from '@/components/i18n/client-messages';
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

export const metadata: Metadata = { title: 'Release policy' };

export default async function AdminPolicyPage() {
  const actor = await requireUser();
  const loaded = await guard(() => policyEditorData(actor));
  if (!loaded.ok) return <AccessDenied title="Release policy" reason={loaded.message} />;
  const { current, teams } = loaded.value;
  const versions = await listPolicyVersions(actor);
  const templateNames = (await listTemplates(actor)).map((t) => t.name);

  return (
    <>
      <PageHeader
        title="Release policy"
        description={
          current ? (
            <>
              Version {current.version}, saved <When iso={current.createdAt} /> by {current.createdBy ?? 'Relm'}. Every save creates a new version; decisions
              record the version they applied.{' '}
              <Link href="/policy" className="link">
                Read-only view
              </Link>
            </>
          ) : (
            'No policy has been saved yet: fill in the form to save version 1.'
          )
        }
      />
      <div className="space-y-6">
        {current && !current.document ? (
          <FormError>
            The stored version {current.version} is not valid, so risk levels and approvals cannot be decided until a corrected version is saved:{' '}
            {Object.entries(current.errors ?? {})
              .map(([p, m]) => `${p}: ${m.join(' ')}`)
              .join('; ')}
          </FormError>
        ) : null}
        <Section id="edit" title="Change the policy" bare>
          <ClientMessages namespaces={['policy']}>
            <PolicyForm
              action={updatePolicyAction}
              initial={current?.document ? policyToFormValues(current.document) : {}}
              basedOnVersion={current?.version ?? 0}
              teams={teams}
              templateNames={templateNames}
            />
          </ClientMessages>
        </Section>
        <Section id="history" title="History" count={versions.length}>
          <PolicyHistory versions={versions} />
        </Section>
        {current ? (
          <details className="rounded-md border border-gray-200 bg-white p-3">
            <summary className="cursor-pointer text-sm font-medium text-blue-800">Raw JSON of version {current.version}</summary>
            <pre className="mt-2 max-h-[32rem] overflow-auto rounded bg-gray-50 p-2 font-mono text-xs text-gray-900">
              {JSON.stringify(current.raw, null, 2)}
            </pre>
          </details>
        ) : null}
      </div>
    </>
  );
}
