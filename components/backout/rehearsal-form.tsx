import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { RehearsalFormClient } from './rehearsal-form-client';

/** The rehearsal's form (rehearsal-form-client.tsx), with the words it needs wherever a page renders it. */
export function RehearsalForm(props: ComponentProps<typeof RehearsalFormClient>) {
  return (
    <ClientMessages namespaces={['backout']}>
      <RehearsalFormClient {...props} />
    </ClientMessages>
  );
}
