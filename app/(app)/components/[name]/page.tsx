import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Digest } from '@/components/catalog/digest';
import { segmentText } from '@/components/catalog/param';
import { SourceLink } from '@/components/catalog/source-link';
import { TierBadge } from '@/components/catalog/tier-badge';
import { formatWhen } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { BackLink } from '@/components/ui/back-link';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { PageNotice } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { allows } from '@/lib/server/authz';
import { getComponent } from '@/lib/server/components';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: segmentText((await params).name).slice(0, 60) };
}

/** ?created=1 and the like, after the form: the notice's key in components.detail.notices */
const NOTICES = ['created', 'saved', 'unchanged'] as const;

const componentHref = (n: string) => `/components/${encodeURIComponent(n)}`;

/** Components linked to this one, each with the semver range of the link. */
function RangeList({
  items,
  range,
  empty,
}: {
  items: { component: { id: string; name: string }; range: string }[];
  range: (range: string) => ReactNode;
  empty: string;
}) {
  if (!items.length) return <Nothing>{empty}</Nothing>;
  return (
    <ul className="divide-y divide-gray-100 text-sm">
      {items.map((d) => (
        <li key={d.component.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
          <Link href={componentHref(d.component.name)} className="link font-mono">
            {d.component.name}
          </Link>
          {range(d.range)}
        </li>
      ))}
    </ul>
  );
}

export default async function ComponentPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [viewer, actor, t] = await Promise.all([currentViewer(), requireUser(), getTranslations('components.detail')]);
  const name = segmentText((await params).name);
  const sp = await searchParams;
  const notice = NOTICES.find((k) => sp[k] === '1');
  const loaded = await guard(() => getComponent(actor, name));
  if (!loaded.ok) return <AccessDenied title={t('accessTitle')} reason={loaded.message} />;
  const c = loaded.value;
  if (!c) notFound();
  const canEdit = allows(actor, 'component.edit');
  const canRecord = allows(actor, 'build.record');

  return (
    <>
      <BackLink href="/components">{t('back')}</BackLink>
      <PageHeader
        title={<span className="font-mono">{c.name}</span>}
        description={c.description || undefined}
        meta={
          <>
            <TierBadge tier={c.tier} />
            <Badge tone="stone">{t('ownedBy', { team: c.ownerTeam.name })}</Badge>
          </>
        }
        actions={
          <>
            <ButtonLink href={`/whats-new/${encodeURIComponent(c.name)}`}>{t('whatsNew')}</ButtonLink>
            {canRecord ? <ButtonLink href={`/builds/new?component=${encodeURIComponent(c.name)}`}>{t('recordBuild')}</ButtonLink> : null}
            {canEdit ? (
              <ButtonLink href={`${componentHref(c.name)}/edit`} variant="primary">
                {t('edit')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <PageNotice>{notice ? t(`notices.${notice}`) : null}</PageNotice>
      <div className="space-y-5">
        <Section id="details" title={t('details.title')}>
          <DescriptionList
            items={[
              { term: t('details.team'), value: c.ownerTeam.name },
              { term: t('details.criticality'), value: <TierBadge tier={c.tier} /> },
              {
                term: t('details.repository'),
                value: c.repository ? <SourceLink url={c.repository} /> : '—',
              },
              { term: t('details.builds'), value: String(c.builds) },
              { term: t('details.created'), value: formatWhen(c.createdAt, viewer) },
              { term: t('details.changed'), value: formatWhen(c.updatedAt, viewer) },
              ...(c.description ? [{ term: t('details.description'), value: <p className="whitespace-pre-wrap">{c.description}</p>, wide: true }] : []),
            ]}
          />
        </Section>

        <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
          <Section id="dependencies" title={t('dependencies.title')} count={c.dependencies.length}>
            <RangeList
              items={c.dependencies}
              range={(range) => <code className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-900">{range}</code>}
              empty={t('dependencies.none', { name: c.name })}
            />
          </Section>
          <Section id="dependents" title={t('dependents.title')} count={c.dependentsList.length}>
            <RangeList
              items={c.dependentsList}
              range={(range) => (
                <span className="text-xs text-gray-700">
                  {t.rich('dependents.needs', { range, code: (chunks) => <code className="rounded bg-gray-100 px-1.5 py-0.5 text-gray-900">{chunks}</code> })}
                </span>
              )}
              empty={t('dependents.none', { name: c.name })}
            />
          </Section>
        </div>

        <Section id="running" title={t('running.title')} count={c.running.length} bare>
          {c.running.length ? (
            <Table caption={t('running.caption', { name: c.name })}>
              <THead>
                <tr>
                  <Th>{t('running.environment')}</Th>
                  <Th>{t('running.build')}</Th>
                  <Th>{t('running.digest')}</Th>
                  <Th>{t('running.since')}</Th>
                </tr>
              </THead>
              <TBody>
                {c.running.map((r) => (
                  <Tr key={r.environment.name}>
                    <Td className="whitespace-nowrap">
                      {r.environment.displayName}
                      {r.environment.protected ? (
                        <Badge tone="amber" className="ml-2">
                          {t('running.protected')}
                        </Badge>
                      ) : null}
                    </Td>
                    <Td>
                      <Link href={`/builds/${r.build.id}`} className="link font-mono">
                        {r.build.version}
                      </Link>
                    </Td>
                    <Td>
                      <Digest value={r.build.artifactDigest} short />
                    </Td>
                    <Td className="whitespace-nowrap">{formatWhen(r.since, viewer)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <div className="rounded-md border border-gray-200 bg-white p-3">
              <Nothing>{t('running.none', { name: c.name })}</Nothing>
            </div>
          )}
        </Section>

        <Section
          id="builds"
          title={t('builds.title')}
          count={c.builds}
          bare
          actions={
            c.builds > c.recentBuilds.length ? (
              <Link href={`/builds?component=${encodeURIComponent(c.name)}`} className="link text-sm">
                {t('builds.all', { count: c.builds })}
              </Link>
            ) : null
          }
        >
          {c.recentBuilds.length ? (
            <Table caption={t('builds.caption', { name: c.name })}>
              <THead>
                <tr>
                  <Th>{t('builds.version')}</Th>
                  <Th>{t('builds.digest')}</Th>
                  <Th>{t('builds.producedBy')}</Th>
                  <Th>{t('builds.recorded')}</Th>
                </tr>
              </THead>
              <TBody>
                {c.recentBuilds.map((b) => (
                  <Tr key={b.id}>
                    <Td>
                      <Link href={`/builds/${b.id}`} className="link font-mono">
                        {b.version}
                      </Link>
                    </Td>
                    <Td>
                      <Digest value={b.artifactDigest} short />
                    </Td>
                    <Td className="text-xs break-all">{b.producedBy}</Td>
                    <Td className="whitespace-nowrap">{formatWhen(b.createdAt, viewer)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <div className="rounded-md border border-gray-200 bg-white p-3">
              <Nothing>
                {canRecord
                  ? t.rich('builds.noneRecorder', {
                      link: (chunks) => (
                        <Link href={`/builds/new?component=${encodeURIComponent(c.name)}`} className="link not-italic">
                          {chunks}
                        </Link>
                      ),
                    })
                  : t('builds.none')}
              </Nothing>
            </div>
          )}
        </Section>
      </div>
    </>
  );
}
