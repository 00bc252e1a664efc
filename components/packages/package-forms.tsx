'use client';

import { useActionState, useId, useState } from 'react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('packages');
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
    return <p className="text-sm text-gray-700">{t('addBuild.noBuilds')}</p>;
  }
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-2">
      <PackageResult state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor="add-build" className={labelClasses}>
            {t('addBuild.label')}
          </label>
          <FieldHint id="add-build">{t('addBuild.hint')}</FieldHint>
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
            <option value="">{t('chooseBuild')}</option>
            {candidates.map((c) => (
              <optgroup key={c.component} label={c.inPackage ? t('componentInPackage', { component: c.component, version: c.inPackage }) : c.component}>
                {c.builds.map((b) => (
                  <option key={b.id} value={b.id} disabled={b.version === c.inPackage}>
                    {b.version === c.inPackage
                      ? t('addBuild.optionInPackage', { component: c.component, version: b.version })
                      : t('addBuild.option', { component: c.component, version: b.version })}
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
              {t('addBuild.replace', { component: group?.component ?? '', version: replacing })}
            </label>
          </div>
        ) : null}
        <SubmitButton pendingText={t('addBuild.pending')}>{t('addBuild.submit')}</SubmitButton>
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
  const t = useTranslations('packages.remove');
  const [state, formAction] = useActionState(action, IDLE as PackageFormState);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="component" value={component} />
      {state.status === 'error' ? <PackageResult state={state} /> : null}
      <SubmitButton variant="secondary" size="sm" pendingText={t('pending')}>
        {t.rich('button', { component, version: itemVersion, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
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
  const t = useTranslations('packages.seal');
  const [state, formAction] = useActionState(action, IDLE as PackageFormState);
  const [confirmAfter, setConfirmAfter] = useState<number | null>(null);
  const confirming = confirmAfter !== null && confirmAfter === (state.at ?? 0);
  const headingId = useId();
  return (
    <div className="space-y-2" aria-labelledby={headingId} role="group">
      <h3 id={headingId} className="text-sm font-semibold text-gray-900">
        {t('heading')}
      </h3>
      <p className="text-sm text-gray-800">{t.rich('explain', { count: itemCount, code: (chunks) => <code className="font-mono text-xs">{chunks}</code> })}</p>
      {itemCount === 0 ? <p className="text-sm text-gray-800">{t('empty')}</p> : null}
      {problemCount ? <p className="text-sm font-medium text-red-800">{t('problems', { count: problemCount })}</p> : null}
      <PackageResult state={state} />
      {confirming ? (
        <form action={formAction} className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <input type="hidden" name="releaseKey" value={releaseKey} />
          <input type="hidden" name="version" value={version} />
          <p className="text-sm text-amber-950">{t('confirm', { releaseKey })}</p>
          <div className="mt-2 flex gap-2">
            <SubmitButton pendingText={t('pending')} autoFocus>
              {t('yes')}
            </SubmitButton>
            <Button variant="secondary" onClick={() => setConfirmAfter(null)}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="primary" onClick={() => setConfirmAfter(state.at ?? 0)} disabled={itemCount === 0}>
          {t('open')}
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
  const t = useTranslations('packages.verify');
  const [state, formAction] = useActionState(action, IDLE as PackageFormState<VerifyData>);
  const shown: (VerifyData & { by?: string }) | null = state.status === 'ok' && state.data ? state.data : last;
  return (
    <div className="space-y-2">
      <div role="status" data-testid="package-integrity" className="text-sm">
        {!shown ? (
          <p className="text-gray-800">{t('never')}</p>
        ) : shown.ok ? (
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone="green">{t('intact')}</Badge>
            <span className="text-gray-900">
              {shown.by
                ? t('matchesBy', { revision: shown.revision ?? '?', at: utc(shown.verifiedAt), by: shown.by })
                : t('matches', { revision: shown.revision ?? '?', at: utc(shown.verifiedAt) })}
            </span>
          </p>
        ) : (
          <div className="space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              <Badge tone="red">{t('altered')}</Badge>
              <span className="font-medium text-red-900">
                {shown.by ? t('mismatchBy', { at: utc(shown.verifiedAt), by: shown.by }) : t('mismatch', { at: utc(shown.verifiedAt) })}
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
        <SubmitButton variant="secondary" pendingText={t('pending')}>
          {t('submit')}
        </SubmitButton>
      </form>
    </div>
  );
}
