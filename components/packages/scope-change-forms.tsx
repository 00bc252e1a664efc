'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { Button } from '@/components/ui/button';
import { FieldError, TextAreaField, inputClasses, labelClasses } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { cx } from '@/components/ui/cx';
import type { CandidateGroup } from './package-forms';
import { PackageResult } from './refusal';
import type { PackageAction, PackageFormState } from './state';

interface Row {
  key: number;
  action: string;
  componentName: string;
  buildId: string;
}

function SelectControl({
  id,
  name,
  label,
  value,
  onChange,
  errors,
  children,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors?: string[];
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClasses}>
        {label}
      </label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className={cx('mt-1 h-8 py-0 pr-8', inputClasses)}
      >
        {children}
      </select>
      <FieldError id={id} errors={errors} />
    </div>
  );
}

/** Asks for a change of a sealed package's scope: one or more add/remove changes and a reason. */
export function ScopeChangeRequestForm({
  action,
  releaseKey,
  candidates,
  packaged,
}: {
  action: PackageAction;
  releaseKey: string;
  candidates: CandidateGroup[];
  /** components in the package now, with their version */
  packaged: { component: string; version: string }[];
}) {
  const t = useTranslations('packages');
  const [state, formAction] = useActionState(action, IDLE as PackageFormState);
  const formRef = useFocusOnError(state, 'scope-reason');
  const failed = state.status === 'error';
  const initialRows = (): Row[] => {
    const n = failed ? Math.max(1, Number(valueOf(state, 'count', '1')) || 1) : 1;
    return Array.from({ length: n }, (_, i) => ({
      key: i,
      action: failed ? valueOf(state, `items.${i}.action`, 'add') : 'add',
      componentName: failed ? valueOf(state, `items.${i}.componentName`) : '',
      buildId: failed ? valueOf(state, `items.${i}.buildId`) : '',
    }));
  };
  const [rows, setRows] = useState<Row[]>(initialRows);
  const [nextKey, setNextKey] = useState(100);
  // after a successful request, start over with one empty change
  const [handledAt, setHandledAt] = useState<number | undefined>(undefined);
  if (state.status === 'ok' && state.at !== handledAt) {
    setHandledAt(state.at);
    setRows([{ key: nextKey, action: 'add', componentName: '', buildId: '' }]);
    setNextKey(nextKey + 1);
  }
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <PackageResult state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="count" value={rows.length} />
      <fieldset className="space-y-2">
        <legend className={labelClasses}>{t('scopeRequest.changes')}</legend>
        {rows.map((row, i) => {
          const group = candidates.find((c) => c.component === row.componentName);
          const componentOptions =
            row.action === 'remove'
              ? packaged.map((p) => ({ value: p.component, label: t('scopeRequest.packagedOption', { component: p.component, version: p.version }) }))
              : candidates.map((c) => ({
                  value: c.component,
                  label: c.inPackage ? t('componentInPackage', { component: c.component, version: c.inPackage }) : c.component,
                }));
          return (
            <div
              key={row.key}
              className="grid grid-cols-1 items-start gap-2 rounded-md border border-gray-200 p-2 sm:grid-cols-[8rem_minmax(0,1fr)_minmax(0,1fr)_auto]"
            >
              <SelectControl
                id={`scope-${row.key}-action`}
                name={`items.${i}.action`}
                label={t('scopeRequest.change', { n: i + 1 })}
                value={row.action}
                onChange={(v) => update(row.key, { action: v, buildId: '' })}
                errors={errorsOf(state, `items.${i}.action`)}
              >
                <option value="add">{t('scopeRequest.add')}</option>
                <option value="remove">{t('scopeRequest.remove')}</option>
              </SelectControl>
              <SelectControl
                id={`scope-${row.key}-component`}
                name={`items.${i}.componentName`}
                label={t('scopeRequest.component')}
                value={row.componentName}
                onChange={(v) => update(row.key, { componentName: v, buildId: '' })}
                errors={errorsOf(state, `items.${i}.componentName`)}
              >
                <option value="">{t('scopeRequest.choose')}</option>
                {componentOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </SelectControl>
              {row.action === 'add' ? (
                <SelectControl
                  id={`scope-${row.key}-build`}
                  name={`items.${i}.buildId`}
                  label={t('scopeRequest.build')}
                  value={row.buildId}
                  onChange={(v) => update(row.key, { buildId: v })}
                  errors={errorsOf(state, `items.${i}.buildId`)}
                >
                  <option value="">{group ? t('chooseBuild') : t('scopeRequest.chooseComponentFirst')}</option>
                  {(group?.builds ?? []).map((b) => (
                    <option key={b.id} value={b.id} disabled={b.version === group?.inPackage}>
                      {b.version === group?.inPackage ? t('scopeRequest.versionInPackage', { version: b.version }) : b.version}
                    </option>
                  ))}
                </SelectControl>
              ) : (
                <div className="text-xs text-gray-700 sm:pt-7">{t('scopeRequest.leaves')}</div>
              )}
              <div className="sm:pt-6">
                <Button size="sm" variant="ghost" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))} disabled={rows.length === 1}>
                  {t.rich('scopeRequest.drop', { n: i + 1, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
                </Button>
              </div>
            </div>
          );
        })}
        <Button
          size="sm"
          onClick={() => {
            setRows((rs) => [...rs, { key: nextKey, action: 'add', componentName: '', buildId: '' }]);
            setNextKey((k) => k + 1);
          }}
          disabled={rows.length >= 20}
        >
          {t('scopeRequest.addAnother')}
        </Button>
        <FieldError id="scope-items" errors={errorsOf(state, 'items')} />
      </fieldset>
      <TextAreaField
        id="scope-reason"
        name="reason"
        label={t('scopeRequest.reason')}
        hint={t('scopeRequest.reasonHint')}
        maxLength={2000}
        defaultValue={failed ? valueOf(state, 'reason') : ''}
        errors={errorsOf(state, 'reason')}
      />
      <SubmitButton pendingText={t('scopeRequest.pending')}>{t('scopeRequest.submit')}</SubmitButton>
    </form>
  );
}

/** Approve, reject (with a comment), approve and apply, or apply an approved request. */
export function ScopeChangeDecision({
  decideAction,
  applyAction,
  releaseKey,
  requestId,
  status,
  canDecide,
  canApply,
  ownRequest,
}: {
  decideAction: PackageAction;
  applyAction: PackageAction;
  releaseKey: string;
  requestId: string;
  status: string;
  canDecide: boolean;
  canApply: boolean;
  ownRequest: boolean;
}) {
  const t = useTranslations('packages.scopeDecision');
  const [state, formAction] = useActionState(decideAction, IDLE as PackageFormState);
  const [applyState, applyFormAction] = useActionState(applyAction, IDLE as PackageFormState);
  const formRef = useFocusOnError(state, `decide-${requestId}-comment`);
  if (status === 'pending') {
    if (!canDecide) return <p className="text-xs text-gray-700">{t('waiting')}</p>;
    if (ownRequest) return <p className="text-xs text-gray-700">{t('ownRequest')}</p>;
    return (
      <form ref={formRef} action={formAction} noValidate className="space-y-2">
        <PackageResult state={state} />
        <input type="hidden" name="releaseKey" value={releaseKey} />
        <input type="hidden" name="id" value={requestId} />
        <TextAreaField
          id={`decide-${requestId}-comment`}
          name="comment"
          label={t('comment')}
          hint={t('commentHint')}
          rows={2}
          maxLength={2000}
          defaultValue={state.status === 'error' ? valueOf(state, 'comment') : ''}
          errors={errorsOf(state, 'comment')}
        />
        <div className="flex flex-wrap gap-2">
          {canApply ? (
            <SubmitButton name="decision" value="approve_apply" pendingText={t('working')}>
              {t('approveApply')}
            </SubmitButton>
          ) : null}
          <SubmitButton name="decision" value="approve" variant="secondary" pendingText={t('working')}>
            {t('approve')}
          </SubmitButton>
          <SubmitButton name="decision" value="reject" variant="danger" pendingText={t('working')}>
            {t('reject')}
          </SubmitButton>
        </div>
      </form>
    );
  }
  if (status === 'approved' && canApply) {
    return (
      <form action={applyFormAction} className="space-y-2">
        <PackageResult state={applyState} />
        <input type="hidden" name="releaseKey" value={releaseKey} />
        <input type="hidden" name="id" value={requestId} />
        <p className="text-xs text-gray-700">{t('applyNote')}</p>
        <SubmitButton pendingText={t('applying')}>{t('apply')}</SubmitButton>
      </form>
    );
  }
  return state.status === 'ok' || applyState.status === 'ok' ? <PackageResult state={state.status === 'ok' ? state : applyState} /> : null;
}
