import type { EnvironmentRef, PersonRef, ReleaseListFilters } from '@/lib/server/releases';
import { SelectField, TextField } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { STATUS_LABELS, STATUS_ORDER } from './labels';

/**
 * The releases filter bar: a plain GET form, so it works without JavaScript and
 * every filtered view is a shareable URL.
 */
export function ReleaseFilters({
  filters,
  environments,
  owners,
  active,
}: {
  filters: ReleaseListFilters;
  environments: EnvironmentRef[];
  owners: PersonRef[];
  active: boolean;
}) {
  return (
    <FilterBar
      action="/releases"
      label="Filter releases"
      gridClassName="sm:grid-cols-2 lg:grid-cols-[minmax(12rem,2fr)_repeat(4,minmax(9rem,1fr))_auto] lg:items-end"
      showClear={active}
      footer={
        filters.status.length > 1 ? (
          <p className="mt-2 text-xs text-gray-700">
            Showing releases in any of: {filters.status.map((s) => (s === 'active' ? 'Active' : STATUS_LABELS[s])).join(', ')}. Applying the form keeps only the
            status chosen above.
          </p>
        ) : null
      }
    >
      <TextField
        id="filter-q"
        name="q"
        type="search"
        label="Search"
        placeholder="REL-12, words, a component, version or work item"
        defaultValue={filters.q ?? ''}
        maxLength={100}
      />
      <SelectField
        id="filter-status"
        name="status"
        label="Status"
        defaultValue={filters.status[0] ?? ''}
        options={[
          { value: '', label: 'All statuses' },
          { value: 'active', label: 'Active (not closed or cancelled)' },
          ...STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
        ]}
      />
      <SelectField
        id="filter-environment"
        name="environment"
        label="Environment"
        defaultValue={filters.environment ?? ''}
        options={[{ value: '', label: 'Any environment' }, ...environments.map((e) => ({ value: e.name, label: e.displayName }))]}
      />
      <SelectField
        id="filter-owner"
        name="owner"
        label="Owner"
        defaultValue={filters.owner ?? ''}
        options={[{ value: '', label: 'Anyone' }, ...owners.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <SelectField
        id="filter-sort"
        name="sort"
        label="Sort by"
        defaultValue={filters.sort}
        options={[
          { value: 'newest', label: 'Newest first' },
          { value: 'planned_asc', label: 'Planned start, earliest first' },
          { value: 'planned_desc', label: 'Planned start, latest first' },
        ]}
      />
    </FilterBar>
  );
}
