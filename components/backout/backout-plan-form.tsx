import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { BackoutPlanFormClient } from './backout-plan-form-client';

export type { PlanFormProps, PlanFormTarget } from './backout-plan-form-client';

/** The back-out plan's form (backout-plan-form-client.tsx), with the words it needs wherever a page renders it. */
export function BackoutPlanForm(props: ComponentProps<typeof BackoutPlanFormClient>) {
  return (
    <ClientMessages namespaces={['backout']}>
      <BackoutPlanFormClient {...props} />
    </ClientMessages>
  );
}
