import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { ReleaseFormClient } from './release-form-client';

export type { ReleaseFormChoices, ReleaseFormInitial, StaleData } from './release-form-client';

/** The create and edit form of a release (release-form-client.tsx), with the words it needs wherever a page renders it. */
export function ReleaseForm(props: ComponentProps<typeof ReleaseFormClient>) {
  return (
    <ClientMessages namespaces={['release-forms']}>
      <ReleaseFormClient {...props} />
    </ClientMessages>
  );
}
