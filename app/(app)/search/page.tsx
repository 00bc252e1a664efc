import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getFormatter, getTranslations } from 'next-intl/server';
import { TextField } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterBar } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { PAGE_LIMIT, search, searchableKinds } from '@/lib/server/search';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { KIND_KEYS } from './kinds';

/** the filter form's columns */
const FILTER_GRID = 'sm:grid-cols-[minmax(12rem,1fr)_auto] sm:items-end';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('search');
  return { title: t('title') };
}

// The full results of the global search (docs/decisions/048-search-and-saved-filters.md): a plain
// GET form, so it works without JavaScript; the shell's search box opens it for "All results".
export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [user, t, format, locale] = await Promise.all([requireUser(), getTranslations('search'), getFormatter(), getLocale().then(languageOf)]);
  const result = await search(user, (await searchParams).q, PAGE_LIMIT);
  const kinds = format.list(
    searchableKinds(user).map((k) => t(`kindsInText.${KIND_KEYS[k]}`)),
    { type: 'unit' },
  );
  const total = result.groups.reduce((n, g) => n + g.hits.length, 0);
  return (
    <>
      <PageHeader title={result.q ? t('titleFor', { q: result.q }) : t('title')} description={t('description', { kinds })} />
      <FilterBar
        action="/search"
        label={t('form.label')}
        gridClassName={FILTER_GRID}
        showClear={!!result.q}
        clearLabel={t('form.clear')}
        submitLabel={t('form.submit')}
      >
        <TextField id="search-q" name="q" type="search" label={t('form.field')} placeholder={t('form.placeholder')} defaultValue={result.q} maxLength={100} />
      </FilterBar>
      {!result.q ? null : result.tooShort ? (
        <EmptyState title={t('tooShort.title')}>{t('tooShort.hint')}</EmptyState>
      ) : total === 0 ? (
        <EmptyState title={t('none.title', { q: result.q })}>{t('none.hint')}</EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {result.groups.map((g) => (
            <section key={g.kind} aria-labelledby={`results-${g.kind}`} className="min-w-0 rounded-md border border-gray-200 bg-white p-3">
              <h2 id={`results-${g.kind}`} className="text-sm font-semibold text-gray-900">
                {t(`kinds.${KIND_KEYS[g.kind]}`)}{' '}
                <span className="font-normal text-gray-700">{g.more ? t('first', { count: g.hits.length }) : t('count', { count: g.hits.length })}</span>
              </h2>
              <ul className="mt-2 divide-y divide-gray-100">
                {g.hits.map((h) => (
                  <li key={h.id} className="py-1.5">
                    <Link href={h.href} className="link block truncate text-sm font-medium">
                      {h.title}
                    </Link>
                    <span className="block truncate text-xs text-gray-700">{localize(h.detail, locale)}</span>
                  </li>
                ))}
              </ul>
              {g.more && g.kind === 'release' ? (
                <p className="mt-2 text-sm">
                  <Link href={`/releases?${new URLSearchParams({ q: result.q }).toString()}`} className="link">
                    {t('everyRelease', { q: result.q })}
                  </Link>
                </p>
              ) : g.more ? (
                <p className="mt-2 text-xs text-gray-700">{t('more')}</p>
              ) : null}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
