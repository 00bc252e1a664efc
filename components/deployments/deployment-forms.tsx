import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { DeploymentStatusFields, RecordDeploymentFields, VerificationFields } from './deployment-form-fields';

// The deployment forms with the deployments catalogue's words handed to them (they are client
// components: docs/decisions/057-english-and-french.md).

/** Records a deployment to one environment (the server checks the gate again). */
export function RecordDeploymentForm(props: ComponentProps<typeof RecordDeploymentFields>) {
  return (
    <ClientMessages namespaces={['deployments']}>
      <RecordDeploymentFields {...props} />
    </ClientMessages>
  );
}

/** "Mark in progress / succeeded / failed" for one deployment: only the legal next moves are offered. */
export function DeploymentStatusButtons(props: ComponentProps<typeof DeploymentStatusFields>) {
  return (
    <ClientMessages namespaces={['deployments']}>
      <DeploymentStatusFields {...props} />
    </ClientMessages>
  );
}

/** Attaches a verification result to a deployment. */
export function VerificationForm(props: ComponentProps<typeof VerificationFields>) {
  return (
    <ClientMessages namespaces={['deployments']}>
      <VerificationFields {...props} />
    </ClientMessages>
  );
}
