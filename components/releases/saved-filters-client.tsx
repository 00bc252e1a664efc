'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { TextField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

// A person's saved filters of the release list (docs/decisions/048-search-and-saved-filters.md):
// quick links, a form that saves the filters on screen under a name, and, folded away, renaming
// and deleting. The server keeps them per person; nobody else sees them.

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface SavedFilterItem {
  id: string;
  name: string;
  query: string;
}

function SaveForm({ action, query }: { action: Action; query: string }) {
  const t = useTranslations('release-parts.savedFilters');
  const [state, formAction] = useActionState(action, IDLE);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} action={formAction} className="flex flex-wrap items-end gap-2" aria-label={t('saveForm')}>
      <input type="hidden" name="query" value={query} />
      <TextField
        id="saved-filter-name"
        name="name"
        label={t('name')}
        placeholder={t('namePlaceholder')}
        maxLength={60}
        required
        defaultValue={state.status === 'error' ? valueOf(state, 'name') : ''}
        errors={errorsOf(state, 'name') ?? errorsOf(state, 'query')}
        className="min-w-0 flex-1 sm:max-w-xs"
      />
      <SubmitButton variant="secondary" size="sm" pendingText={t('saving')}>
        {t('save')}
      </SubmitButton>
      <div className="w-full empty:hidden">
        <FormMessages state={state} />
      </div>
    </form>
  );
}

function ManageRow({ item, rename, remove }: { item: SavedFilterItem; rename: Action; remove: Action }) {
  const t = useTranslations('release-parts.savedFilters');
  const [renamed, renameAction] = useActionState(rename, IDLE);
  const [deleted, deleteAction] = useActionState(remove, IDLE);
  const ref = useFocusOnError(renamed);
  const fid = `saved-filter-rename-${item.id}`;
  return (
    <li className="py-2">
      <div className="flex flex-wrap items-end gap-2">
        <form ref={ref} action={renameAction} className="flex min-w-0 flex-1 flex-wrap items-end gap-2">
          <input type="hidden" name="id" value={item.id} />
          <TextField
            id={fid}
            name="name"
            label={t('rename.label', { name: item.name })}
            maxLength={60}
            required
            defaultValue={renamed.status === 'error' ? valueOf(renamed, 'name', item.name) : item.name}
            errors={errorsOf(renamed, 'name')}
            className="min-w-0 flex-1 sm:max-w-xs"
          />
          <SubmitButton variant="secondary" size="sm" pendingText={t('rename.pending')}>
            {t.rich('rename.submit', { name: item.name, sr: (c) => <span className="sr-only">{c}</span> })}
          </SubmitButton>
        </form>
        <form action={deleteAction}>
          <input type="hidden" name="id" value={item.id} />
          <SubmitButton variant="danger" size="sm" pendingText={t('delete.pending')}>
            {t.rich('delete.submit', { name: item.name, sr: (c) => <span className="sr-only">{c}</span> })}
          </SubmitButton>
        </form>
      </div>
      <div className="mt-1 empty:hidden">
        <FormMessages state={renamed.status === 'idle' ? deleted : renamed} />
      </div>
    </li>
  );
}

export function SavedFiltersClient({
  items,
  query,
  save,
  rename,
  remove,
}: {
  items: SavedFilterItem[];
  /** the canonical query of the filters on screen ('' when none is set) */
  query: string;
  save: Action;
  rename: Action;
  remove: Action;
}) {
  const t = useTranslations('release-parts.savedFilters');
  if (!items.length && !query) return null;
  return (
    <section aria-labelledby="saved-filters-title" className="mb-4 rounded-md border border-gray-200 bg-white p-3">
      <h2 id="saved-filters-title" className="text-sm font-semibold text-gray-900">
        {t('title')}
      </h2>
      {items.length ? (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label={t('yours')}>
          {items.map((f) => (
            <li key={f.id}>
              <Link
                href={`/releases?${f.query}`}
                aria-current={f.query === query ? 'page' : undefined}
                className="inline-flex max-w-full items-center rounded-full border border-gray-300 px-3 py-1 text-sm text-blue-800 hover:bg-gray-100 aria-[current=page]:border-blue-700 aria-[current=page]:bg-blue-50 aria-[current=page]:font-semibold"
              >
                <span className="truncate">{f.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-gray-700">{t('none')}</p>
      )}
      {query ? (
        <div className="mt-3">
          <SaveForm action={save} query={query} />
        </div>
      ) : null}
      {items.length ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm text-blue-800">{t('manage')}</summary>
          <ul className="mt-1 divide-y divide-gray-100">
            {items.map((f) => (
              <ManageRow key={`${f.id}-${f.name}`} item={f} rename={rename} remove={remove} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
