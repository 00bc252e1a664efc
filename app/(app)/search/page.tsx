import type { Metadata } from 'next';
import Link from 'next/link';
import { TextField } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterBar } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { PAGE_LIMIT, search, SEARCH_KIND_LABELS, searchableKinds } from '@/lib/server/search';
import { requireUser } from '@/lib/server/session';

export const metadata: Metadata = { title: 'Search' };

// The full results of the global search (docs/decisions/048-search-and-saved-filters.md): a plain
// GET form, so it works without JavaScript; the shell's search box opens it for "All results".
export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const result = await search(user, (await searchParams).q, PAGE_LIMIT);
  const kinds = searchableKinds(user).map((k) => SEARCH_KIND_LABELS[k].toLowerCase());
  const total = result.groups.reduce((n, g) => n + g.hits.length, 0);
  return (
    <>
      <PageHeader
        title={result.q ? `Search: “${result.q}”` : 'Search'}
        description={`Finds ${kinds.join(', ')} by key, name, title, version or e-mail. Press / or Ctrl+K on any page to search from there.`}
      />
      <FilterBar
        action="/search"
        label="Search Relm"
        gridClassName="sm:grid-cols-[minmax(12rem,1fr)_auto] sm:items-end"
        showClear={!!result.q}
        clearLabel="Clear"
        submitLabel="Search"
      >
        <TextField
          id="search-q"
          name="q"
          type="search"
          label="Search for"
          placeholder="REL-12, billing-api, 2.4.1, PAY-123, a name"
          defaultValue={result.q}
          maxLength={100}
        />
      </FilterBar>
      {!result.q ? null : result.tooShort ? (
        <EmptyState title="Type a little more">Type at least two characters, or a release number such as 12.</EmptyState>
      ) : total === 0 ? (
        <EmptyState title={`Nothing matches “${result.q}”`}>
          Try a release key such as REL-12, part of a title, a component name, a build version such as 2.4.1 or a work item key.
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {result.groups.map((g) => (
            <section key={g.kind} aria-labelledby={`results-${g.kind}`} className="min-w-0 rounded-md border border-gray-200 bg-white p-3">
              <h2 id={`results-${g.kind}`} className="text-sm font-semibold text-gray-900">
                {g.label} <span className="font-normal text-gray-700">({g.more ? `first ${g.hits.length}` : g.hits.length})</span>
              </h2>
              <ul className="mt-2 divide-y divide-gray-100">
                {g.hits.map((h) => (
                  <li key={h.id} className="py-1.5">
                    <Link href={h.href} className="link block truncate text-sm font-medium">
                      {h.title}
                    </Link>
                    <span className="block truncate text-xs text-gray-700">{h.detail}</span>
                  </li>
                ))}
              </ul>
              {g.more && g.kind === 'release' ? (
                <p className="mt-2 text-sm">
                  <Link href={`/releases?${new URLSearchParams({ q: result.q }).toString()}`} className="link">
                    Every release matching “{result.q}”
                  </Link>
                </p>
              ) : g.more ? (
                <p className="mt-2 text-xs text-gray-700">More match: add to the text to narrow them down.</p>
              ) : null}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
