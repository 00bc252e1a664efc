import type { Metadata } from 'next';
import { PolicyHistory } from '@/components/policy/policy-history';
import { PolicyView } from '@/components/policy/policy-view';
import { AccessDenied } from '@/components/route/access-denied';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FormError } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { When } from '@/components/ui/text';
import { can } from '@/lib/domain/permissions';
import { getPolicyVersion, listPolicyVersions } from '@/lib/server/policy';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Release policy' };

export default async function PolicyPage() {
  const actor = await requireUser();
  const loaded = await guard(() => listPolicyVersions(actor));
  if (!loaded.ok) return <AccessDenied title="Release policy" reason={loaded.message} />;
  const versions = loaded.value;
  const current = versions[0] ? await getPolicyVersion(actor, versions[0].version) : null;
  const canEdit = can(actor.roles, 'policy.edit');

  return (
    <>
      <PageHeader
        title="Release policy"
        description={
          current ? (
            <>
              Version {current.version}, saved <When iso={current.createdAt} /> by {current.createdBy ?? 'Relm'}
              {current.note ? `: ${current.note}` : '.'}
            </>
          ) : undefined
        }
        actions={canEdit ? <ButtonLink href="/admin/policy">Change the policy</ButtonLink> : undefined}
      />
      {!current ? (
        <EmptyState title="No release policy yet">An admin saves the first version under Admin › Policy.</EmptyState>
      ) : (
        <div className="space-y-6">
          {current.document ? (
            <PolicyView policy={current.document} />
          ) : (
            <FormError>Version {current.version} is not valid: risk levels and approvals cannot be decided until an admin saves a corrected version.</FormError>
          )}
          <Section id="history" title="History" count={versions.length}>
            <PolicyHistory versions={versions} />
          </Section>
        </div>
      )}
    </>
  );
}
