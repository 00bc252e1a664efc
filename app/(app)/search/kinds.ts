import type { SearchKind } from '@/lib/server/search';

/** Each kind of search hit's key in the search catalogue (search.kinds, search.kindsInText). */
export const KIND_KEYS = {
  release: 'release',
  component: 'component',
  build: 'build',
  work_item: 'workItem',
  person: 'person',
} as const satisfies Record<SearchKind, string>;
