import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { SavedFiltersClient } from './saved-filters-client';

export type { SavedFilterItem } from './saved-filters-client';

/** A person's saved filters of the release list (saved-filters-client.tsx), with the words they need. */
export function SavedFilters(props: ComponentProps<typeof SavedFiltersClient>) {
  return (
    <ClientMessages namespaces={['release-parts']}>
      <SavedFiltersClient {...props} />
    </ClientMessages>
  );
}
