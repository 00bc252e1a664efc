import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { ExecuteBackoutFormClient } from './execute-backout-form-client';

/** "Execute back-out" (execute-backout-form-client.tsx), with the words it needs wherever a page renders it. */
export function ExecuteBackoutForm(props: ComponentProps<typeof ExecuteBackoutFormClient>) {
  return (
    <ClientMessages namespaces={['backout']}>
      <ExecuteBackoutFormClient {...props} />
    </ClientMessages>
  );
}
