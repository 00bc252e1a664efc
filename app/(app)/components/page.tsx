import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { TierBadge } from '@/components/catalog/tier-badge';
import { formatCount, formatDate, plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { ClearFiltersLink, FilterBar, matchSentence } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { allows } from '@/lib/server/authz';
import { listComponents } from '@/lib/server/components';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';

export const metadata: Metadata = { title: 'Components' };

export default async function ComponentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const raw = await searchParams;
  const loaded = await guard(() => listComponents(actor, raw));
  if (!loaded.ok) return <AccessDenied title="Components" reason={loaded.message} />;
  const result = loaded.value;
  const f = result.filters;
  const filtered = !!(f.q || f.team);
  const canEdit = allows(actor, 'component.edit');
  const newComponent = canEdit ? (
    <ButtonLink href="/components/new" variant="primary">
      New component
    </ButtonLink>
  ) : null;

  return (
    <>
      <PageHeader
        title="Components"
        description={
          filtered
            ? matchSentence(result.total, plural(result.total, 'component'))
            : `${plural(result.total, 'component')} in the catalogue: deployable services and configuration items, their owners and dependencies.`
        }
        actions={newComponent}
      />
      <FilterBar
        action="/components"
        label="Filter components"
        gridClassName="sm:grid-cols-[minmax(12rem,2fr)_minmax(10rem,1fr)_auto] sm:items-end"
        showClear={filtered}
      >
        <TextField
          id="filter-q"
          name="q"
          type="search"
          label="Search"
          placeholder="Name or words in the description"
          defaultValue={f.q ?? ''}
          maxLength={100}
        />
        <SelectField
          id="filter-team"
          name="team"
          label="Owner team"
          defaultValue={f.team ?? ''}
          options={[{ value: '', label: 'Any team' }, ...result.teams.map((t) => ({ value: t.slug, label: t.name }))]}
        />
      </FilterBar>
      {result.components.length ? (
        <>
          <Table caption={`Components, page ${formatCount(result.page)}: ${plural(result.total, 'component')}`}>
            <THead>
              <tr>
                <Th>Component</Th>
                <Th>Owner team</Th>
                <Th>Tier</Th>
                <Th>Depends on</Th>
                <Th className="text-right">Dependents</Th>
                <Th>Latest build</Th>
              </tr>
            </THead>
            <TBody>
              {result.components.map((c) => (
                <Tr key={c.id}>
                  <Td className="whitespace-nowrap">
                    <Link href={`/components/${encodeURIComponent(c.name)}`} className="link font-mono font-medium">
                      {c.name}
                    </Link>
                    {c.description ? <p className="max-w-xs truncate text-xs text-gray-700">{c.description}</p> : null}
                  </Td>
                  <Td className="whitespace-nowrap">{c.ownerTeam.name}</Td>
                  <Td>
                    <TierBadge tier={c.tier} />
                  </Td>
                  <Td className="text-xs">
                    {c.dependencies.length ? (
                      <ul className="space-y-0.5">
                        {c.dependencies.map((d) => (
                          <li key={d.component.id} className="whitespace-nowrap">
                            <Link href={`/components/${encodeURIComponent(d.component.name)}`} className="link font-mono">
                              {d.component.name}
                            </Link>{' '}
                            <code className="text-gray-800">{d.range}</code>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-gray-700">—</span>
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{c.dependents}</Td>
                  <Td className="text-xs whitespace-nowrap">
                    {c.latestBuild ? (
                      <>
                        <Link href={`/builds/${c.latestBuild.id}`} className="link font-mono">
                          {c.latestBuild.version}
                        </Link>
                        <span className="text-gray-700"> · {formatDate(c.latestBuild.createdAt, viewer.timeZone, viewer.locale)}</span>
                      </>
                    ) : (
                      <span className="text-gray-700">No builds yet</span>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pagination
            pathname="/components"
            params={{ q: f.q, team: f.team }}
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
            label="Components pages"
          />
        </>
      ) : filtered ? (
        <EmptyState title="No components match these filters" action={<ClearFiltersLink href="/components" />}>
          Try part of the name, or another owner team.
        </EmptyState>
      ) : (
        <EmptyState title="The catalogue is empty" action={newComponent}>
          {canEdit ? 'Add the first component: its name, owner team and criticality.' : 'Components appear here once an admin or release manager adds them.'}
        </EmptyState>
      )}
    </>
  );
}
