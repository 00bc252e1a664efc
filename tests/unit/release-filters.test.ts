import { describe, expect, it } from 'vitest';
import { canonicalQuery, filterParams, groupParams, hasFilters, hasNonTextFilters, ReleaseListSchema } from '@/lib/domain/release-filters';

// The one parser of the release list's query (lib/domain/release-filters.ts): the page, the CSV
// export, the API and the saved filters read it; anything typed into a URL falls back to "unset".

describe('ReleaseListSchema', () => {
  it('reads every filter', () => {
    const f = ReleaseListSchema.parse({
      q: '  checkout ',
      status: ['active', 'draft'],
      environment: 'production',
      owner: 'user_1',
      component: 'payments-api',
      version: '2.4.1-rc.1+sha.5',
      workItem: 'PAY-123',
      team: 'payments',
      type: ['normal', 'emergency'],
      risk: 'high',
      from: '2027-01-01',
      to: '2027-01-31',
      sort: 'planned_asc',
      page: '3',
    });
    expect(f).toMatchObject({
      q: 'checkout',
      status: ['active', 'draft'],
      environment: 'production',
      owner: 'user_1',
      component: 'payments-api',
      version: '2.4.1-rc.1+sha.5',
      workItem: 'PAY-123',
      team: 'payments',
      type: ['normal', 'emergency'],
      risk: ['high'],
      from: '2027-01-01',
      to: '2027-01-31',
      sort: 'planned_asc',
      page: 3,
    });
  });

  it('drops what is not a valid value instead of failing', () => {
    const f = ReleaseListSchema.parse({
      component: 'Not A Slug',
      version: '../etc',
      workItem: 'has space',
      team: '',
      type: ['normal', 'bogus'],
      risk: ['extreme'],
      from: '2027-02-30',
      to: 'tomorrow',
      sort: 'random',
      page: '-1',
    });
    expect(f).toMatchObject({
      component: undefined,
      version: undefined,
      workItem: undefined,
      team: undefined,
      type: ['normal'],
      risk: [],
      from: undefined,
      to: undefined,
    });
    expect(f.sort).toBe('newest');
    expect(f.page).toBe(1);
    expect(ReleaseListSchema.parse({})).toMatchObject({ status: [], type: [], risk: [] });
  });

  it('takes the first of a repeated single value and swaps a window typed backwards', () => {
    const f = ReleaseListSchema.parse({ component: ['billing-api', 'payments-api'], from: '2027-03-10', to: '2027-03-01' });
    expect(f.component).toBe('billing-api');
    expect([f.from, f.to]).toEqual(['2027-03-01', '2027-03-10']);
  });
});

describe('filterParams, hasFilters and canonicalQuery', () => {
  it('repeats the set filters, leaves the default sort and the paging out', () => {
    const f = ReleaseListSchema.parse({ component: 'payments-api', status: ['active', 'draft'], page: '2', cursor: 'abc' });
    const p = filterParams(f);
    expect(p.component).toBe('payments-api');
    expect(p.status).toEqual(['active', 'draft']);
    expect(p.sort).toBeUndefined();
    expect(Object.keys(p)).not.toContain('page');
    expect(hasFilters(f)).toBe(true);
    expect(hasNonTextFilters(ReleaseListSchema.parse({ q: 'x' }))).toBe(false);
    expect(hasFilters(ReleaseListSchema.parse({ sort: 'planned_asc' }))).toBe(false);
  });

  it('writes the same query however the filters were typed, and nothing for none', () => {
    const a = canonicalQuery('?page=4&status=active&component=payments-api&bogus=1&risk=high&risk=low'.slice(1));
    const b = canonicalQuery({ risk: ['high', 'low'], component: 'payments-api', status: 'active', cursor: 'x' });
    expect(a).toBe('status=active&component=payments-api&risk=high&risk=low');
    expect(b).toBe(a);
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('page=2&sort=newest')).toBe('');
    // what it writes, it reads back to the same filters
    const round = ReleaseListSchema.parse(Object.fromEntries(groupParams(new URLSearchParams(a))));
    expect(canonicalQuery(round)).toBe(a);
  });
});
