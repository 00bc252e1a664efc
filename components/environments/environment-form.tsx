import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { EnvironmentFormFields } from './environment-form-fields';

export type { DeployerChoices, EditableEnvironment } from './environment-form-fields';

/** Creates an environment (no `environment`) or edits one, with the environments catalogue's words handed to it. */
export function EnvironmentForm(props: ComponentProps<typeof EnvironmentFormFields>) {
  return (
    <ClientMessages namespaces={['environments']}>
      <EnvironmentFormFields {...props} />
    </ClientMessages>
  );
}
