'use client';

import { useActionState, useId, useState } from 'react';
import { IDLE, errorsOf, valueOf } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FieldError, FieldHint, inputClasses, labelClasses } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { cx } from '@/components/ui/cx';
import { PackageResult } from './refusal';
import type { PackageAction, PackageFormState, VerifyData } from './state';

export interface CandidateGroup {
  component: string;
  inPackage: string | null;
  builds: { id: string; version: string; createdAt: string }[];
}

/** Adds a build: one select, builds grouped by component; a component already in the package is replaced only when asked. */
export function AddBuildForm({
  action,
  releaseKey,
  version,
  candidates,
}: {
  action: PackageAction;
  releaseKey: string;
  version: number;
  candidates: CandidateGroup[];
}) {
  const [state, formAction] = useActionState(action, IDLE as PackageFormState);
  const formRef = useFocusOnError(state, 'add-build');
  const failed = state.status === 'error';
  const [selected, setSelected] = useState(failed ? valueOf(state, 'buildId') : '');
  const [handledAt, setHandledAt] = useState<number | undefined>(undefined);
  if (state.status === 'ok' && state.at !== handledAt) {
    setHandledAt(state.at);
    setSelected('');
  }
  const group = candidates.find((c) => c.builds.some((b) => b.id === selected));
  const replacing = group?.inPackage ?? null;
  const errors = errorsOf(state, 'buildId');
  if (candidates.length === 0) {
    return (
      <p className="text-sm text-gray-700">No builds are recorded yet. Builds are reported by CI through the API or recorded on a component&apos;s page.</p>
    );
  }
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-2">
      <PackageResult state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor="add-build" className={labelClasses}>
            Build to add
          </label>
          <FieldHint id="add-build">Grouped by component, newest first. A package holds one build per component.</FieldHint>
          <select
            id="add-build"
            name="buildId"
            required
            value={selected}
            onChange={(e) => setSelected(e.target.value)}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={cx('add-build-hint', errors?.length ? 'add-build-error' : '')}
            className={cx('mt-1 h-8 py-0 pr-8', inputClasses)}
          >
            <option value="">Choose a build…</option>
            {candidates.map((c) => (
              <optgroup key={c.component} label={c.inPackage ? `${c.component} (in package: ${c.inPackage})` : c.component}>
                {c.builds.map((b) => (
                  <option key={b.id} value={b.id} disabled={b.version === c.inPackage}>
                    {c.component} {b.version}
                    {b.version === c.inPackage ? ' (in the package)' : ''}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldError id="add-build" errors={errors} />
        </div>
        {replacing ? (
          <div className="flex h-8 items-center gap-1.5">
            <input
              id="add-build-replace"
              type="checkbox"
              name="replace"
              value="true"
              defaultChecked={failed && valueOf(state, 'replace') === 'true'}
              className="size-4 accent-blue-700"
            />
            <label htmlFor="add-build-replace" className="text-sm text-gray-900">
              Replace {group?.component} {replacing}
            </label>
          </div>
        ) : null}
        <SubmitButton pendingText="Adding…">Add build</SubmitButton>
      </div>
    </form>
  );
}

/** Removes one component's build from an unsealed package. */
export function RemoveItemButton({
  action,
  releaseKey,
  version,
  component,
  itemVersion,
}: {
  action: PackageAction;
  releaseKey: string;
  version: number;
  component: string;
  itemVersion: string;
}) {
  const [state, formAction] = useActionState(action, IDLE as PackageFormState);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="component" value={component} />
      {state.status === 'error' ? <PackageResult state={state} /> : null}
      <SubmitButton variant="secondary" size="sm" pendingText="Removing…">
        Remove
        <span className="sr-only">
          {' '}
          {component} {itemVersion}
        </span>
      </SubmitButton>
    </form>
  );
}

/** Seals the package after saying what that means. */
export function SealForm({
  action,
  releaseKey,
  version,
  itemCount,
  problemCount,
}: {
  action: PackageAction;
  releaseKey: string;
  version: number;
  itemCount: number;
  problemCount: number;
}) {
  const [state, formAction] = useActionState(action, IDLE as PackageFormState);
  const [confirmAfter, setConfirmAfter] = useState<number | null>(null);
  const confirming = confirmAfter !== null && confirmAfter === (state.at ?? 0);
  const headingId = useId();
  return (
    <div className="space-y-2" aria-labelledby={headingId} role="group">
      <h3 id={headingId} className="text-sm font-semibold text-gray-900">
        Seal the package
      </h3>
      <p className="text-sm text-gray-800">
        Sealing fixes the {itemCount} build{itemCount === 1 ? '' : 's'}: their sorted <code className="font-mono text-xs">component@version@digest</code>{' '}
        manifest is hashed with sha256 and the digest stored. Approvals bind to that digest. After sealing, builds change only through a scope change request,
        which re-seals and invalidates approvals.
      </p>
      {itemCount === 0 ? <p className="text-sm text-gray-800">Add at least one build before sealing.</p> : null}
      {problemCount ? (
        <p className="text-sm font-medium text-red-800">
          Sealing is refused while the package has {problemCount} compatibility problem{problemCount === 1 ? '' : 's'} (listed above).
        </p>
      ) : null}
      <PackageResult state={state} />
      {confirming ? (
        <form action={formAction} className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <input type="hidden" name="releaseKey" value={releaseKey} />
          <input type="hidden" name="version" value={version} />
          <p className="text-sm text-amber-950">Seal {releaseKey}&apos;s package now? Further changes will need a scope change request.</p>
          <div className="mt-2 flex gap-2">
            <SubmitButton pendingText="Sealing…" autoFocus>
              Yes, seal the package
            </SubmitButton>
            <Button variant="secondary" onClick={() => setConfirmAfter(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="primary" onClick={() => setConfirmAfter(state.at ?? 0)} disabled={itemCount === 0}>
          Seal package…
        </Button>
      )}
    </div>
  );
}

const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** Recomputes the digest from the current items now, and shows the result naming each changed item. */
export function VerifyForm({
  action,
  releaseKey,
  last,
}: {
  action: PackageAction<VerifyData>;
  releaseKey: string;
  last: (VerifyData & { by?: string }) | null;
}) {
  const [state, formAction] = useActionState(action, IDLE as PackageFormState<VerifyData>);
  const shown: (VerifyData & { by?: string }) | null = state.status === 'ok' && state.data ? state.data : last;
  return (
    <div className="space-y-2">
      <div role="status" data-testid="package-integrity" className="text-sm">
        {!shown ? (
          <p className="text-gray-800">Integrity has not been verified yet.</p>
        ) : shown.ok ? (
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone="green">Intact</Badge>
            <span className="text-gray-900">
              The items match seal revision {shown.revision ?? '?'}. Verified {utc(shown.verifiedAt)}
              {shown.by ? ` by ${shown.by}` : ''}.
            </span>
          </p>
        ) : (
          <div className="space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              <Badge tone="red">Altered</Badge>
              <span className="font-medium text-red-900">
                The package does not match its seal (verified {utc(shown.verifiedAt)}
                {shown.by ? ` by ${shown.by}` : ''}):
              </span>
            </p>
            <ul className="list-disc pl-5 text-red-900">
              {shown.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {state.status === 'error' ? <PackageResult state={state} /> : null}
      <form action={formAction}>
        <input type="hidden" name="releaseKey" value={releaseKey} />
        <SubmitButton variant="secondary" pendingText="Verifying…">
          Verify integrity
        </SubmitButton>
      </form>
    </div>
  );
}
