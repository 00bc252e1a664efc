import type { ComponentProps } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { TemplateForms } from '@/components/release-forms/template-forms';

/**
 * "Save as template" and "Copy release" on a release's overview
 * (docs/decisions/044-release-templates-and-copies.md): the client forms
 * (components/release-forms/template-forms.tsx) with the words they need.
 */
export function TemplatePanel(props: ComponentProps<typeof TemplateForms>) {
  return (
    <ClientMessages namespaces={['release-forms']}>
      <TemplateForms {...props} />
    </ClientMessages>
  );
}
