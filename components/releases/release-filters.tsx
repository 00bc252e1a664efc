import type { EnvironmentRef, PersonRef, ReleaseListFilters } from '@/lib/server/releases';
import { SelectField, TextField } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { RELEASE_TYPES } from '@/lib/domain/lifecycle';
import { RISK_LEVELS } from '@/lib/domain/policy-names';
import { RISK_LABELS, STATUS_LABELS, STATUS_ORDER, TYPE_LABELS } from './labels';

/**
 * The releases filter bar: a plain GET form, so it works without JavaScript and
 * every filtered view is a shareable URL.
 */
export function ReleaseFilters({
  filters,
  environments,
  owners,
  components,
  teams,
  active,
}: {
  filters: ReleaseListFilters;
  environments: EnvironmentRef[];
  owners: PersonRef[];
  components: string[];
  teams: { slug: string; name: string }[];
  active: boolean;
}) {
  const several = [
    filters.status.length > 1 ? `status any of ${filters.status.map((s) => (s === 'active' ? 'Active' : STATUS_LABELS[s])).join(', ')}` : null,
    filters.type.length > 1 ? `type any of ${filters.type.join(', ')}` : null,
    filters.risk.length > 1 ? `risk level any of ${filters.risk.join(', ')}` : null,
  ].filter(Boolean);
  return (
    <FilterBar
      action="/releases"
      label="Filter releases"
      gridClassName="sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-6 lg:items-end"
      showClear={active}
      footer={
        several.length ? (
          <p className="mt-2 text-xs text-gray-700">Showing releases with {several.join('; ')}. Applying the form keeps only the value chosen above.</p>
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
        id="filter-team"
        name="team"
        label="Owner’s team"
        defaultValue={filters.team ?? ''}
        options={[{ value: '', label: 'Any team' }, ...teams.map((t) => ({ value: t.slug, label: t.name }))]}
      />
      <SelectField
        id="filter-component"
        name="component"
        label="Component"
        defaultValue={filters.component ?? ''}
        options={[{ value: '', label: 'Any component' }, ...components.map((c) => ({ value: c, label: c }))]}
      />
      <TextField
        id="filter-version"
        name="version"
        label="Build version"
        hint={filters.component ? 'Of the component chosen' : undefined}
        placeholder="e.g. 2.4.1"
        defaultValue={filters.version ?? ''}
        maxLength={100}
        spellCheck={false}
      />
      <TextField
        id="filter-work-item"
        name="workItem"
        label="Work item"
        placeholder="e.g. PAY-123"
        defaultValue={filters.workItem ?? ''}
        maxLength={64}
        spellCheck={false}
      />
      <SelectField
        id="filter-type"
        name="type"
        label="Type"
        defaultValue={filters.type[0] ?? ''}
        options={[{ value: '', label: 'Any type' }, ...RELEASE_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))]}
      />
      <SelectField
        id="filter-risk"
        name="risk"
        label="Risk level"
        defaultValue={filters.risk[0] ?? ''}
        options={[{ value: '', label: 'Any risk level' }, ...RISK_LEVELS.map((l) => ({ value: l, label: RISK_LABELS[l] }))]}
      />
      <TextField id="filter-from" name="from" type="date" label="Window from" defaultValue={filters.from ?? ''} />
      <TextField id="filter-to" name="to" type="date" label="Window to" defaultValue={filters.to ?? ''} />
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
