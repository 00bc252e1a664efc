'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
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
  const failed = state.status === 'error';
  const v = (name: string, fallback = '') => (failed ? valueOf(state, name, fallback) : fallback);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError key={state.at} requestId={state.requestId}>
        {failed ? state.message : null}
      </FormError>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField
          name="component"
          label="Component"
          required
          options={[{ value: '', label: 'Choose a component…' }, ...componentNames.map((n) => ({ value: n, label: n }))]}
          defaultValue={v('component', defaultComponent ?? '')}
          errors={errorsOf(state, 'component')}
        />
        <TextField
          name="version"
          label="Version"
          required
          maxLength={128}
          autoComplete="off"
          spellCheck={false}
          placeholder="2.4.1"
          hint="Semantic version: MAJOR.MINOR.PATCH, optionally -prerelease and +build."
          defaultValue={v('version')}
          errors={errorsOf(state, 'version')}
        />
        <TextField
          name="artifactDigest"
          label="Artifact digest (sha256)"
          required
          maxLength={80}
          autoComplete="off"
          spellCheck={false}
          className="sm:col-span-2 [&_input]:font-mono"
          placeholder="sha256:3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b"
          hint='64 hexadecimal characters; a "sha256:" prefix and upper case are accepted.'
          defaultValue={v('artifactDigest')}
          errors={errorsOf(state, 'artifactDigest')}
        />
        <TextField
          name="sourceRepo"
          label="Source repository (optional)"
          maxLength={500}
          autoComplete="off"
          spellCheck={false}
          defaultValue={v('sourceRepo')}
          errors={errorsOf(state, 'sourceRepo')}
        />
        <TextField
          name="sourceCommit"
          label="Source commit (optional)"
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          className="[&_input]:font-mono"
          defaultValue={v('sourceCommit')}
          errors={errorsOf(state, 'sourceCommit')}
        />
        <TextField
          name="sourceBranch"
          label="Source branch or tag (optional)"
          maxLength={250}
          autoComplete="off"
          spellCheck={false}
          defaultValue={v('sourceBranch')}
          errors={errorsOf(state, 'sourceBranch')}
        />
        <TextField
          name="producedBy"
          label="Produced by (optional)"
          maxLength={200}
          autoComplete="off"
          hint={`A person's email or a pipeline's name. Left empty: ${actorLabel}.`}
          defaultValue={v('producedBy')}
          errors={errorsOf(state, 'producedBy')}
        />
        <TextField
          name="builtAt"
          label="Built at (optional)"
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          placeholder="2026-11-23T14:05Z"
          hint="ISO 8601 date and time; without an offset it is read as UTC."
          defaultValue={v('builtAt')}
          errors={errorsOf(state, 'builtAt')}
        />
      </div>
      <TextAreaField
        name="workItems"
        label="Work items (optional)"
        rows={4}
        hint="One per line: KEY, then an optional title, then an optional http(s) link, e.g. PAY-123 Faster refunds https://jira.example.com/browse/PAY-123"
        defaultValue={v('workItems')}
        errors={errorsOf(state, 'workItems')}
      />
      <TextAreaField
        name="notes"
        label="Build notes (optional)"
        rows={8}
        maxLength={20000}
        hint="What changed (markdown). At most 20,000 characters."
        defaultValue={v('notes')}
        errors={errorsOf(state, 'notes')}
      />
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
