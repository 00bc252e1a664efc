import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
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

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('policy');
  return { title: t('title') };
}

export default async function PolicyPage() {
  const [actor, t, locale] = await Promise.all([requireUser(), getTranslations('policy'), getLocale()]);
  const loaded = await guard(() => listPolicyVersions(actor));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const versions = loaded.value;
  const current = versions[0] ? await getPolicyVersion(actor, versions[0].version) : null;
  const canEdit = can(actor.roles, 'policy.edit');

  return (
    <div lang={locale} className="contents">
      <PageHeader
        title={t('title')}
        description={
          current
            ? t.rich(current.note ? 'page.currentWithNote' : 'page.current', {
                version: current.version,
                by: current.createdBy ?? t('system'),
                note: current.note ?? '',
                when: () => <When iso={current.createdAt} />,
              })
            : undefined
        }
        actions={canEdit ? <ButtonLink href="/admin/policy">{t('page.change')}</ButtonLink> : undefined}
      />
      {!current ? (
        <EmptyState title={t('page.emptyTitle')}>{t('page.emptyBody')}</EmptyState>
      ) : (
        <div className="space-y-6">
          {current.document ? <PolicyView policy={current.document} /> : <FormError>{t('page.invalid', { version: current.version })}</FormError>}
          <Section id="history" title={t('page.history')} count={versions.length}>
            <PolicyHistory versions={versions} />
          </Section>
        </div>
      )}
    </div>
  );
}
