import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { WindowFormFields } from './window-form-fields';

export type { EditableWindow } from './window-form-fields';

/** Adds a maintenance window to an environment (no `window`) or edits one, with the environments catalogue's words handed to it. */
export function WindowForm(props: ComponentProps<typeof WindowFormFields>) {
  return (
    <ClientMessages namespaces={['environments']}>
      <WindowFormFields {...props} />
    </ClientMessages>
  );
}
