import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Digest } from '@/components/catalog/digest';
import { segmentText } from '@/components/catalog/param';
import { TierBadge } from '@/components/catalog/tier-badge';
import { formatWhen } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { SourceLink } from '@/components/catalog/source-link';
import { BackLink } from '@/components/ui/back-link';
import { Badge } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { Markdown } from '@/components/ui/markdown';
import { PageNotice } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { StatusBadge } from '@/components/ui/status-badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { getBuild } from '@/lib/server/builds';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { releaseHref } from '@/lib/domain/release-parts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('builds.detail');
  return { title: t('title') };
}

const dash = <span className="text-gray-700">—</span>;

export default async function BuildPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [viewer, actor, t] = await Promise.all([currentViewer(), requireUser(), getTranslations('builds.detail')]);
  const id = segmentText((await params).id);
  const sp = await searchParams;
  const loaded = await guard(() => getBuild(actor, id));
  if (!loaded.ok) return <AccessDenied title={t('accessTitle')} reason={loaded.message} />;
  const b = loaded.value;
  if (!b) notFound();
  const componentHref = `/components/${encodeURIComponent(b.component.name)}`;

  return (
    <>
      <BackLink
        href="/builds"
        after={
          <>
            <span className="text-gray-500" aria-hidden="true">
              {' '}
              ·{' '}
            </span>
            <Link href={`/builds?component=${encodeURIComponent(b.component.name)}`} className="link">
              {t('buildsOf', { name: b.component.name })}
            </Link>
          </>
        }
      >
        {t('back')}
      </BackLink>
      <PageHeader
        title={
          <span className="font-mono">
            {b.component.name} {b.version}
          </span>
        }
        description={t('description', { when: formatWhen(b.createdAt, viewer), by: b.recordedBy?.name ?? b.producedBy })}
        meta={<TierBadge tier={b.component.tier} />}
      />
      <PageNotice>{sp.recorded === '1' ? t('notices.recorded') : sp.existing === '1' ? t('notices.existing') : null}</PageNotice>
      <div className="space-y-5">
        <Section id="build" title={t('fields.title')}>
          <DescriptionList
            items={[
              {
                term: t('fields.component'),
                value: (
                  <Link href={componentHref} className="link font-mono">
                    {b.component.name}
                  </Link>
                ),
              },
              { term: t('fields.version'), value: <code>{b.version}</code> },
              { term: t('fields.builtAt'), value: b.builtAt ? formatWhen(b.builtAt, viewer) : dash },
              { term: t('fields.digest'), value: <Digest value={b.artifactDigest} />, wide: true },
              {
                term: t('fields.sourceRepo'),
                value: b.sourceRepo ? <SourceLink url={b.sourceRepo} /> : dash,
              },
              { term: t('fields.sourceCommit'), value: b.sourceCommit ? <code className="break-all select-all">{b.sourceCommit}</code> : dash },
              { term: t('fields.sourceBranch'), value: b.sourceBranch ? <code className="break-all">{b.sourceBranch}</code> : dash },
              { term: t('fields.producedBy'), value: <span className="break-all">{b.producedBy}</span> },
              {
                term: t('fields.recordedBy'),
                value: b.recordedBy ? (
                  <span>
                    {b.recordedBy.name} <span className="text-gray-700">({b.recordedBy.email})</span>
                  </span>
                ) : (
                  t('fields.system')
                ),
              },
              { term: t('fields.recordedAt'), value: formatWhen(b.createdAt, viewer) },
            ]}
          />
        </Section>

        <Section id="work-items" title={t('workItems.title')} count={b.workItems.length}>
          {b.workItems.length ? (
            <ul className="divide-y divide-gray-100 text-sm">
              {b.workItems.map((w, i) => (
                <li key={`${w.key}-${i}`} className="flex flex-wrap items-baseline gap-2 py-1.5">
                  {w.url ? (
                    <a href={w.url} className="link font-mono font-medium" rel="noreferrer noopener" target="_blank">
                      {w.key}
                      <span className="sr-only"> {t('workItems.opensInNewTab')}</span>
                    </a>
                  ) : (
                    <span className="font-mono font-medium">{w.key}</span>
                  )}
                  {w.title ? <span className="text-gray-800">{w.title}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <Nothing>{t('workItems.none')}</Nothing>
          )}
        </Section>

        <Section id="notes" title={t('notes.title')}>
          {b.notes ? <Markdown text={b.notes} /> : <Nothing>{t('notes.none')}</Nothing>}
        </Section>

        <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
          <Section id="running" title={t('running.title')} count={b.running.length}>
            {b.running.length ? (
              <ul className="divide-y divide-gray-100 text-sm">
                {b.running.map((r) => (
                  <li key={r.environment.name} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                    <span>
                      {r.environment.displayName}
                      {r.environment.protected ? (
                        <Badge tone="amber" className="ml-2">
                          {t('running.protected')}
                        </Badge>
                      ) : null}
                    </span>
                    <span className="text-xs text-gray-700">{t('running.since', { when: formatWhen(r.since, viewer) })}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Nothing>{t('running.none')}</Nothing>
            )}
          </Section>
          <Section id="packages" title={t('packages.title')} count={b.packages.length} bare>
            {b.packages.length ? (
              <Table caption={t('packages.caption')}>
                <THead>
                  <tr>
                    <Th>{t('packages.release')}</Th>
                    <Th>{t('packages.status')}</Th>
                    <Th>{t('packages.package')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {b.packages.map((p) => (
                    <Tr key={p.releaseId}>
                      <Td>
                        <Link href={releaseHref(p.releaseKey, 'package')} className="link font-medium">
                          {p.releaseKey}
                        </Link>{' '}
                        <span className="text-gray-800">{p.releaseTitle}</span>
                      </Td>
                      <Td>
                        <StatusBadge status={p.releaseStatus} />
                      </Td>
                      <Td className="text-xs">{p.sealed ? t('packages.sealed') : t('packages.notSealed')}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            ) : (
              <div className="rounded-md border border-gray-200 bg-white p-3">
                <Nothing>{t('packages.none')}</Nothing>
              </div>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}
