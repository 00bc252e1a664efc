'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormError } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Records a build by hand; CI uses POST /api/v1/builds with the same fields. */
export function BuildForm({
  action,
  componentNames,
  defaultComponent,
  actorLabel,
}: {
  action: Action;
  componentNames: string[];
  defaultComponent?: string;
  actorLabel: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const bind = fieldBinder(state);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? state.message : null}
      </FormError>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField
          {...bind('component', defaultComponent)}
          label="Component"
          required
          options={[{ value: '', label: 'Choose a component…' }, ...componentNames.map((n) => ({ value: n, label: n }))]}
        />
        <TextField
          {...bind('version')}
          {...VERBATIM}
          label="Version"
          required
          maxLength={128}
          placeholder="2.4.1"
          hint="Semantic version: MAJOR.MINOR.PATCH, optionally -prerelease and +build."
        />
        <TextField
          {...bind('artifactDigest')}
          {...VERBATIM}
          label="Artifact digest (sha256)"
          required
          maxLength={80}
          className="sm:col-span-2 [&_input]:font-mono"
          placeholder="sha256:3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b"
          hint='64 hexadecimal characters; a "sha256:" prefix and upper case are accepted.'
        />
        <TextField {...bind('sourceRepo')} {...VERBATIM} label="Source repository (optional)" maxLength={500} />
        <TextField {...bind('sourceCommit')} {...VERBATIM} label="Source commit (optional)" maxLength={100} className="[&_input]:font-mono" />
        <TextField {...bind('sourceBranch')} {...VERBATIM} label="Source branch or tag (optional)" maxLength={250} />
        <TextField
          {...bind('producedBy')}
          label="Produced by (optional)"
          maxLength={200}
          autoComplete="off"
          hint={`A person's email or a pipeline's name. Left empty: ${actorLabel}.`}
        />
        <TextField
          {...bind('builtAt')}
          {...VERBATIM}
          label="Built at (optional)"
          maxLength={40}
          placeholder="2026-11-23T14:05Z"
          hint="ISO 8601 date and time; without an offset it is read as UTC."
        />
      </div>
      <TextAreaField
        {...bind('workItems')}
        label="Work items (optional)"
        rows={4}
        hint="One per line: KEY, then an optional title, then an optional http(s) link, e.g. PAY-123 Faster refunds https://jira.example.com/browse/PAY-123"
      />
      <TextAreaField {...bind('notes')} label="Build notes (optional)" rows={8} maxLength={20000} hint="What changed (markdown). At most 20,000 characters." />
      <p className="text-xs text-gray-700">A build cannot be changed once recorded. Recording the same version with the same digest again is harmless.</p>
      <div className="flex items-center gap-3">
        <SubmitButton pendingText="Recording…">Record build</SubmitButton>
        <Link href="/builds" className="link text-sm">
          Cancel
        </Link>
      </div>
    </form>
  );
}
