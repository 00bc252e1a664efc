import type { Metadata } from 'next';
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
  const { version } = await params;
  return { title: `Policy version ${String(version).slice(0, 10)}` };
}

export default async function PolicyVersionPage({ params }: { params: Promise<{ version: string }> }) {
  const actor = await requireUser();
  const raw = (await params).version;
  if (!/^\d{1,9}$/.test(raw)) notFound();
  const loaded = await guard(() => getPolicyVersion(actor, Number(raw)));
  if (!loaded.ok) return <AccessDenied title="Release policy" reason={loaded.message} />;
  const v = loaded.value;
  if (!v) notFound();

  return (
    <>
      <BackLink href="/policy">Release policy</BackLink>
      <PageHeader
        title={
          <>
            Policy version {v.version} {v.latest ? <Badge tone="green">current</Badge> : <Badge tone="gray">superseded</Badge>}
          </>
        }
        description={
          <>
            Saved <When iso={v.createdAt} /> by {v.createdBy ?? 'Relm'}
            {v.note ? `: ${v.note}` : '.'}
          </>
        }
      />
      <div className="space-y-6">
        {v.changes.length ? (
          <Section id="changes" title="What this version changed" count={v.changes.length}>
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
            This version is not valid:{' '}
            {Object.entries(v.errors ?? {})
              .map(([p, m]) => `${p}: ${m.join(' ')}`)
              .join('; ')}
          </FormError>
        )}
        <details className="rounded-md border border-gray-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium text-blue-800">Raw JSON of version {v.version}</summary>
          <pre className="mt-2 max-h-[32rem] overflow-auto rounded bg-gray-50 p-2 font-mono text-xs text-gray-900">{JSON.stringify(v.raw, null, 2)}</pre>
        </details>
      </div>
    </>
  );
}
