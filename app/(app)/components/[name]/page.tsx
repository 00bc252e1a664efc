import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Digest } from '@/components/catalog/digest';
import { segmentText } from '@/components/catalog/param';
import { SourceLink } from '@/components/catalog/source-link';
import { TierBadge } from '@/components/catalog/tier-badge';
import { formatWhen, plural } from '@/components/format';
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

const NOTICES: Record<string, string> = {
  created: 'Component created.',
  saved: 'Changes saved.',
  unchanged: 'Nothing had changed, so nothing was saved.',
};

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
  const viewer = await currentViewer();
  const actor = await requireUser();
  const name = segmentText((await params).name);
  const sp = await searchParams;
  const notice = Object.keys(NOTICES).find((k) => sp[k] === '1');
  const loaded = await guard(() => getComponent(actor, name));
  if (!loaded.ok) return <AccessDenied title="Components" reason={loaded.message} />;
  const c = loaded.value;
  if (!c) notFound();
  const canEdit = allows(actor, 'component.edit');
  const canRecord = allows(actor, 'build.record');

  return (
    <>
      <BackLink href="/components">All components</BackLink>
      <PageHeader
        title={<span className="font-mono">{c.name}</span>}
        description={c.description || undefined}
        meta={
          <>
            <TierBadge tier={c.tier} />
            <Badge tone="stone">Owned by {c.ownerTeam.name}</Badge>
          </>
        }
        actions={
          <>
            <ButtonLink href={`/whats-new/${encodeURIComponent(c.name)}`}>What’s new</ButtonLink>
            {canRecord ? <ButtonLink href={`/builds/new?component=${encodeURIComponent(c.name)}`}>Record build</ButtonLink> : null}
            {canEdit ? (
              <ButtonLink href={`${componentHref(c.name)}/edit`} variant="primary">
                Edit
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <PageNotice>{notice ? NOTICES[notice] : null}</PageNotice>
      <div className="space-y-5">
        <Section id="details" title="Details">
          <DescriptionList
            items={[
              { term: 'Owner team', value: c.ownerTeam.name },
              { term: 'Criticality', value: <TierBadge tier={c.tier} /> },
              {
                term: 'Repository',
                value: c.repository ? <SourceLink url={c.repository} /> : '—',
              },
              { term: 'Builds recorded', value: String(c.builds) },
              { term: 'Created', value: formatWhen(c.createdAt, viewer) },
              { term: 'Last changed', value: formatWhen(c.updatedAt, viewer) },
              ...(c.description ? [{ term: 'Description', value: <p className="whitespace-pre-wrap">{c.description}</p>, wide: true }] : []),
            ]}
          />
        </Section>

        <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
          <Section id="dependencies" title="Depends on" count={c.dependencies.length}>
            <RangeList
              items={c.dependencies}
              range={(range) => <code className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-900">{range}</code>}
              empty={`${c.name} depends on no other component.`}
            />
          </Section>
          <Section id="dependents" title="Needed by" count={c.dependentsList.length}>
            <RangeList
              items={c.dependentsList}
              range={(range) => (
                <span className="text-xs text-gray-700">
                  needs <code className="rounded bg-gray-100 px-1.5 py-0.5 text-gray-900">{range}</code>
                </span>
              )}
              empty={`No other component depends on ${c.name}.`}
            />
          </Section>
        </div>

        <Section id="running" title="Running now" count={c.running.length} bare>
          {c.running.length ? (
            <Table caption={`Which build of ${c.name} runs in each environment`}>
              <THead>
                <tr>
                  <Th>Environment</Th>
                  <Th>Build</Th>
                  <Th>Digest</Th>
                  <Th>Since</Th>
                </tr>
              </THead>
              <TBody>
                {c.running.map((r) => (
                  <Tr key={r.environment.name}>
                    <Td className="whitespace-nowrap">
                      {r.environment.displayName}
                      {r.environment.protected ? (
                        <Badge tone="amber" className="ml-2">
                          protected
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
              <Nothing>{c.name} is not deployed to any environment yet.</Nothing>
            </div>
          )}
        </Section>

        <Section
          id="builds"
          title="Builds"
          count={c.builds}
          bare
          actions={
            c.builds > c.recentBuilds.length ? (
              <Link href={`/builds?component=${encodeURIComponent(c.name)}`} className="link text-sm">
                All {plural(c.builds, 'build')}
              </Link>
            ) : null
          }
        >
          {c.recentBuilds.length ? (
            <Table caption={`Builds of ${c.name}, newest first`}>
              <THead>
                <tr>
                  <Th>Version</Th>
                  <Th>Digest</Th>
                  <Th>Produced by</Th>
                  <Th>Recorded</Th>
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
                No builds recorded yet.{' '}
                {canRecord ? (
                  <Link href={`/builds/new?component=${encodeURIComponent(c.name)}`} className="link not-italic">
                    Record the first build
                  </Link>
                ) : (
                  'CI reports builds through the API (POST /api/v1/builds).'
                )}
              </Nothing>
            </div>
          )}
        </Section>
      </div>
    </>
  );
}
