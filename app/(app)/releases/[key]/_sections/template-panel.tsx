'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { TextField } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/**
 * "Save as template" and "Copy release" on a release's overview
 * (docs/decisions/044-release-templates-and-copies.md). Saving under an existing
 * template's name adds its next version; a copy opens as a new draft.
 */
export function TemplatePanel({
  releaseKey,
  title,
  canSave,
  canCopy,
  templateNames,
  saveAction,
  copyAction,
}: {
  releaseKey: string;
  title: string;
  canSave: boolean;
  canCopy: boolean;
  templateNames: string[];
  saveAction: Action;
  copyAction: Action;
}) {
  const [saved, save] = useActionState(saveAction, IDLE);
  const [copied, copy] = useActionState(copyAction, IDLE);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {canSave ? (
        <form action={save} className="space-y-2" aria-labelledby="save-template-heading">
          <h3 id="save-template-heading" className="text-sm font-semibold text-gray-900">
            Save as template
          </h3>
          <input type="hidden" name="releaseKey" value={releaseKey} />
          <TextField
            id="template-name"
            name="name"
            label="Template name"
            hint="An existing template's name saves its next version; older versions stay readable."
            required
            maxLength={120}
            list="template-names"
            defaultValue={saved.status === 'error' ? valueOf(saved, 'name') : ''}
            errors={errorsOf(saved, 'name')}
          />
          <datalist id="template-names">
            {templateNames.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          <TextField
            id="template-description"
            name="description"
            label="Description (optional)"
            maxLength={1000}
            defaultValue={saved.status === 'error' ? valueOf(saved, 'description') : ''}
            errors={errorsOf(saved, 'description')}
          />
          <SubmitButton size="sm" pendingText="Saving…">
            Save as template
          </SubmitButton>
          <FormMessages state={saved} />
        </form>
      ) : null}
      {canCopy ? (
        <form action={copy} className="space-y-2" aria-labelledby="copy-release-heading">
          <h3 id="copy-release-heading" className="text-sm font-semibold text-gray-900">
            Copy release
          </h3>
          <p className="text-xs text-gray-700">
            A new draft with this release&apos;s details, targets, stakeholders, package builds (unsealed), plan, risks, back-out plan and handover notes.
            Approvals, deployments, history, comments, reviews and sign-offs are not copied.
          </p>
          <input type="hidden" name="releaseKey" value={releaseKey} />
          <TextField
            id="copy-title"
            name="title"
            label="Title of the copy (optional)"
            maxLength={200}
            placeholder={`Copy of ${title}`.slice(0, 200)}
            defaultValue={copied.status === 'error' ? valueOf(copied, 'title') : ''}
            errors={errorsOf(copied, 'title')}
          />
          <SubmitButton size="sm" variant="secondary" pendingText="Copying…">
            Copy release
          </SubmitButton>
          <FormMessages state={copied} />
        </form>
      ) : null}
    </div>
  );
}
