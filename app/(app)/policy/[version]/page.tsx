import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { PolicyView } from '@/components/policy/policy-view';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { Badge } from '@/components/ui/badge';
import { FormError } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { When } from '@/components/ui/text';
import { getPolicyVersion } from '@/lib/server/policy';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export async function generateMetadata({ params }: { params: Promise<{ version: string }> }): Promise<Metadata> {
  const [{ version }, t] = await Promise.all([params, getTranslations('policy.version')]);
  return { title: t('title', { version: String(version).slice(0, 10) }) };
}

export default async function PolicyVersionPage({ params }: { params: Promise<{ version: string }> }) {
  const [actor, t, locale] = await Promise.all([requireUser(), getTranslations('policy'), getLocale()]);
  const raw = (await params).version;
  if (!/^\d{1,9}$/.test(raw)) notFound();
  const loaded = await guard(() => getPolicyVersion(actor, Number(raw)));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const v = loaded.value;
  if (!v) notFound();

  return (
    <div lang={locale} className="contents">
      <BackLink href="/policy">{t('version.back')}</BackLink>
      <PageHeader
        title={
          v.latest
            ? t.rich('version.headingCurrent', { version: v.version, badge: (c) => <Badge tone="green">{c}</Badge> })
            : t.rich('version.headingSuperseded', { version: v.version, badge: (c) => <Badge tone="gray">{c}</Badge> })
        }
        description={t.rich(v.note ? 'version.savedWithNote' : 'version.saved', {
          by: v.createdBy ?? t('system'),
          note: v.note ?? '',
          when: () => <When iso={v.createdAt} />,
        })}
      />
      <div className="space-y-6">
        {v.changes.length ? (
          <Section id="changes" title={t('version.changes')} count={v.changes.length}>
            <ul className="list-disc space-y-0.5 pl-5 text-sm text-gray-900">
              {v.changes.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          </Section>
        ) : null}
        {v.document ? (
          <PolicyView policy={v.document} />
        ) : (
          <FormError>
            {t('version.invalid', {
              errors: Object.entries(v.errors ?? {})
                .map(([p, m]) => `${p}: ${m.join(' ')}`)
                .join('; '),
            })}
          </FormError>
        )}
        <details className="rounded-md border border-gray-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium text-blue-800">{t('version.raw', { version: v.version })}</summary>
          <pre className="mt-2 max-h-[32rem] overflow-auto rounded bg-gray-50 p-2 font-mono text-xs text-gray-900">{JSON.stringify(v.raw, null, 2)}</pre>
        </details>
      </div>
    </div>
  );
}
