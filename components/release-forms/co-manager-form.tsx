import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { CoManagerFormClient } from './co-manager-form-client';

/** Adds a co-manager (co-manager-form-client.tsx), with the words it needs wherever a page renders it. */
export function CoManagerForm(props: ComponentProps<typeof CoManagerFormClient>) {
  return (
    <ClientMessages namespaces={['release-forms']}>
      <CoManagerFormClient {...props} />
    </ClientMessages>
  );
}
