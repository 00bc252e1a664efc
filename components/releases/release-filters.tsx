import { useTranslations } from 'next-intl';
import type { EnvironmentRef, PersonRef, ReleaseListFilters } from '@/lib/server/releases';
import { DateField } from '@/components/ui/date-field';
import { SelectField, TextField } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { RELEASE_TYPES } from '@/lib/domain/lifecycle';
import { RISK_LEVELS } from '@/lib/domain/policy-names';
import { STATUS_ORDER } from './labels';
import { useStatusWords } from '@/components/i18n/status-words';

const GRID_CLASSES = 'sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-6 lg:items-end';

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
  const t = useTranslations('release-parts.filters');
  const word = useStatusWords();
  const several = [
    filters.status.length > 1
      ? t('several.status', { values: filters.status.map((s) => (s === 'active' ? t('several.active') : word('release', s))).join(', ') })
      : null,
    filters.type.length > 1 ? t('several.type', { values: filters.type.join(', ') }) : null,
    filters.risk.length > 1 ? t('several.risk', { values: filters.risk.join(', ') }) : null,
  ].filter(Boolean);
  return (
    <FilterBar
      action="/releases"
      label={t('label')}
      gridClassName={GRID_CLASSES}
      showClear={active}
      footer={
        several.length ? <p className="mt-2 text-xs text-gray-700">{t('several.showing', { conditions: several.join(t('several.separator')) })}</p> : null
      }
    >
      <TextField id="filter-q" name="q" type="search" label={t('search')} placeholder={t('searchPlaceholder')} defaultValue={filters.q ?? ''} maxLength={100} />
      <SelectField
        id="filter-status"
        name="status"
        label={t('status')}
        defaultValue={filters.status[0] ?? ''}
        options={[
          { value: '', label: t('allStatuses') },
          { value: 'active', label: t('active') },
          ...STATUS_ORDER.map((s) => ({ value: s, label: word('release', s) })),
        ]}
      />
      <SelectField
        id="filter-environment"
        name="environment"
        label={t('environment')}
        defaultValue={filters.environment ?? ''}
        options={[{ value: '', label: t('anyEnvironment') }, ...environments.map((e) => ({ value: e.name, label: e.displayName }))]}
      />
      <SelectField
        id="filter-owner"
        name="owner"
        label={t('owner')}
        defaultValue={filters.owner ?? ''}
        options={[{ value: '', label: t('anyone') }, ...owners.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <SelectField
        id="filter-team"
        name="team"
        label={t('team')}
        defaultValue={filters.team ?? ''}
        options={[{ value: '', label: t('anyTeam') }, ...teams.map((team) => ({ value: team.slug, label: team.name }))]}
      />
      <SelectField
        id="filter-component"
        name="component"
        label={t('component')}
        defaultValue={filters.component ?? ''}
        options={[{ value: '', label: t('anyComponent') }, ...components.map((c) => ({ value: c, label: c }))]}
      />
      <TextField
        id="filter-version"
        name="version"
        label={t('version')}
        hint={filters.component ? t('versionHint') : undefined}
        placeholder={t('versionPlaceholder')}
        defaultValue={filters.version ?? ''}
        maxLength={100}
        spellCheck={false}
      />
      <TextField
        id="filter-work-item"
        name="workItem"
        label={t('workItem')}
        placeholder={t('workItemPlaceholder')}
        defaultValue={filters.workItem ?? ''}
        maxLength={64}
        spellCheck={false}
      />
      <SelectField
        id="filter-type"
        name="type"
        label={t('type')}
        defaultValue={filters.type[0] ?? ''}
        options={[{ value: '', label: t('anyType') }, ...RELEASE_TYPES.map((type) => ({ value: type, label: word('type', type) }))]}
      />
      <SelectField
        id="filter-risk"
        name="risk"
        label={t('risk')}
        defaultValue={filters.risk[0] ?? ''}
        options={[{ value: '', label: t('anyRisk') }, ...RISK_LEVELS.map((l) => ({ value: l, label: word('riskLevel', l) }))]}
      />
      <DateField id="filter-from" name="from" label={t('from')} defaultValue={filters.from ?? ''} />
      <DateField id="filter-to" name="to" label={t('to')} defaultValue={filters.to ?? ''} />
      <SelectField
        id="filter-sort"
        name="sort"
        label={t('sort')}
        defaultValue={filters.sort}
        options={[
          { value: 'newest', label: t('sorts.newest') },
          { value: 'planned_asc', label: t('sorts.plannedAsc') },
          { value: 'planned_desc', label: t('sorts.plannedDesc') },
        ]}
      />
    </FilterBar>
  );
}
