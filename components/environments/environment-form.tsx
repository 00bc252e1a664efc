'use client';

import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { FieldError, FieldHint, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface EditableEnvironment {
  id: string;
  name: string;
  displayName: string;
  tier: string;
  position: number;
  protected: boolean;
  description: string;
  version: number;
}

const TIER_OPTIONS = [
  { value: 'development', label: 'Development' },
  { value: 'test', label: 'Test' },
  { value: 'staging', label: 'Staging' },
  { value: 'production', label: 'Production' },
];

/** Creates an environment (no `environment`) or edits one. */
export function EnvironmentForm({
  action,
  environment,
  submitLabel,
  suggestedPosition,
}: {
  action: Action;
  environment?: EditableEnvironment;
  submitLabel: string;
  suggestedPosition?: number;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const bind = fieldBinder(state);
  const isProtected = failed ? valueOf(state, 'protected') === 'on' : (environment?.protected ?? false);
  const positionErrors = errorsOf(state, 'position');
  // offer moving the others once a position clash was reported
  const offerMove = Boolean(positionErrors?.some((e) => e.includes('Move the others')));
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <FormMessages state={state} />
      <HiddenFields values={environment && { id: environment.id, version: environment.version, originalName: environment.name }} />
      <TextField
        {...bind('name', environment?.name ?? '')}
        {...VERBATIM}
        label="Name"
        required
        maxLength={40}
        hint="Lowercase slug used in URLs and the API, e.g. staging-eu."
      />
      <TextField {...bind('displayName', environment?.displayName ?? '')} label="Display name" required maxLength={80} autoComplete="off" />
      <div className="grid grid-cols-2 gap-3">
        <SelectField {...bind('tier', environment?.tier ?? 'test')} label="Tier" required options={TIER_OPTIONS} />
        <TextField
          {...bind('position', String(environment?.position ?? suggestedPosition ?? 10))}
          label="Position"
          type="number"
          inputMode="numeric"
          required
          hint="Lower deploys first."
        />
      </div>
      {offerMove || (failed && valueOf(state, 'moveOthers') === 'on') ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-2">
          <div className="flex items-center gap-2">
            <input
              id="moveOthers"
              type="checkbox"
              name="moveOthers"
              defaultChecked={valueOf(state, 'moveOthers') === 'on'}
              className="size-4 accent-blue-700"
              aria-describedby="moveOthers-hint"
            />
            <label htmlFor="moveOthers" className="text-sm font-medium text-gray-900">
              Move the others
            </label>
          </div>
          <FieldHint id="moveOthers">Take this position and move the environment holding it, and every one right after it, one step later.</FieldHint>
        </div>
      ) : null}
      <div>
        <div className="flex items-center gap-2">
          <input
            id="protected"
            type="checkbox"
            name="protected"
            defaultChecked={isProtected}
            className="size-4 accent-blue-700"
            aria-describedby="protected-hint"
            aria-invalid={errorsOf(state, 'protected')?.length ? true : undefined}
          />
          <label htmlFor="protected" className="text-sm font-medium text-gray-900">
            Protected
          </label>
        </div>
        <FieldHint id="protected">Deployments here need the full set of gates (approvals, windows, freezes).</FieldHint>
        <FieldError id="protected" errors={errorsOf(state, 'protected')} />
      </div>
      <TextAreaField {...bind('description', environment?.description ?? '')} label="Description (optional)" maxLength={1000} />
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
