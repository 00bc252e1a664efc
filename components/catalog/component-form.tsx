'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { FieldError, SelectField, TextAreaField, TextField, inputClasses } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';
import { cx } from '@/components/ui/cx';
import { TIER_KEYS, TIERS } from './tier';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface EditableComponent {
  id: string;
  name: string;
  description: string;
  ownerTeamId: string;
  tier: number;
  repository: string | null;
  distributionList: string;
  version: number;
  dependencies: { component: string; range: string }[];
}

/** How many empty dependency rows the form offers beyond the existing ones. */
export const BLANK_DEPENDENCY_ROWS = 4;

/** Creates a component (no `component`) or edits one, dependencies included. */
export function ComponentForm({
  action,
  component,
  teams,
  componentNames,
  submitLabel,
  cancelHref,
}: {
  action: Action;
  component?: EditableComponent;
  teams: { id: string; name: string }[];
  componentNames: string[];
  submitLabel: string;
  cancelHref: string;
}) {
  const t = useTranslations('catalog.componentForm');
  const tierOption = useTranslations('catalog.tierOptions');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const bind = fieldBinder(state);

  const existing = component?.dependencies ?? [];
  const submittedRows = failed ? Number(valueOf(state, 'depRows', '')) : NaN;
  const rows = Number.isInteger(submittedRows) && submittedRows > 0 ? submittedRows : existing.length + BLANK_DEPENDENCY_ROWS;
  const rowValue = (field: 'component' | 'range', i: number) => (failed ? valueOf(state, `dep-${field}-${i}`) : (existing[i]?.[field] ?? ''));
  const options = componentNames.filter((n) => n !== component?.name);
  const depErrors = errorsOf(state, 'dependencies');
  const tierOptions = TIERS.map((n) => ({ value: String(n), label: tierOption(TIER_KEYS[n]!) }));

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormMessages state={state} />
      <HiddenFields values={component && { id: component.id, version: component.version }} />
      <input type="hidden" name="depRows" value={rows} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField {...bind('name', component?.name ?? '')} {...VERBATIM} label={t('name')} required maxLength={60} hint={t('nameHint')} />
        <SelectField
          {...bind('ownerTeamId', component?.ownerTeamId ?? '')}
          label={t('ownerTeam')}
          required
          options={[{ value: '', label: t('chooseTeam') }, ...teams.map((t) => ({ value: t.id, label: t.name }))]}
          hint={teams.length ? undefined : t('noTeams')}
        />
        <SelectField {...bind('tier', String(component?.tier ?? 3))} label={t('tier')} required options={tierOptions} hint={t('tierHint')} />
        <TextField
          {...bind('repository', component?.repository ?? '')}
          {...VERBATIM}
          label={t('repository')}
          maxLength={500}
          placeholder="https://git.example.com/team/billing-api"
        />
      </div>
      <TextAreaField {...bind('description', component?.description ?? '')} label={t('description')} maxLength={2000} rows={3} />
      <TextAreaField
        {...bind('distributionList', component?.distributionList ?? '')}
        label={t('distributionList')}
        hint={t('distributionListHint')}
        maxLength={20_000}
        rows={3}
      />

      <fieldset aria-describedby={cx('deps-hint', depErrors?.length ? 'dependencies-error' : null)} className="rounded-md border border-gray-200 p-3">
        <legend className="px-1 text-sm font-medium text-gray-900">{t('dependencies.legend')}</legend>
        <p id="deps-hint" className="mb-2 text-xs text-gray-600">
          {t.rich('dependencies.hint', { code: (chunks) => <code>{chunks}</code> })}
        </p>
        <FieldError id="dependencies" errors={depErrors} />
        {options.length === 0 ? (
          <p className="text-sm text-gray-700 italic">{t('dependencies.noOthers')}</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-gray-700">
                <th scope="col" className="pb-1 font-semibold">
                  {t('dependencies.component')}
                </th>
                <th scope="col" className="pb-1 pl-2 font-semibold">
                  {t('dependencies.range')}
                </th>
                <th scope="col" className="pb-1 pl-2 font-semibold">
                  <span className="sr-only">{t('dependencies.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: rows }, (_, i) => {
                const cId = `dep-component-${i}`;
                const rId = `dep-range-${i}`;
                const xId = `dep-remove-${i}`;
                const cErr = errorsOf(state, cId);
                const rErr = errorsOf(state, rId);
                const current = rowValue('component', i);
                const rowOptions = current && !options.includes(current) ? [current, ...options] : options;
                const hasValue = !!current || !!rowValue('range', i);
                return (
                  <tr key={i} className="align-top">
                    <td className="py-1">
                      <label htmlFor={cId} className="sr-only">
                        {t('dependencies.rowComponent', { row: i + 1 })}
                      </label>
                      <select
                        // remount when the value to show changes: React resets forms after
                        // a server action and a select only takes defaultValue on mount
                        key={current}
                        id={cId}
                        name={cId}
                        defaultValue={current}
                        aria-invalid={cErr?.length ? true : undefined}
                        aria-describedby={cErr?.length ? `${cId}-error` : undefined}
                        className={cx('h-8 py-0 pr-8', inputClasses)}
                      >
                        <option value="">{t('dependencies.none')}</option>
                        {rowOptions.map((n) => (
                          <option key={n} value={n}>
                            {n}
                          </option>
                        ))}
                      </select>
                      <FieldError id={cId} errors={cErr} />
                    </td>
                    <td className="py-1 pl-2">
                      <label htmlFor={rId} className="sr-only">
                        {t('dependencies.rowRange', { row: i + 1 })}
                      </label>
                      <input
                        id={rId}
                        name={rId}
                        type="text"
                        maxLength={100}
                        autoComplete="off"
                        spellCheck={false}
                        placeholder={t('dependencies.rangePlaceholder')}
                        defaultValue={rowValue('range', i)}
                        aria-invalid={rErr?.length ? true : undefined}
                        aria-describedby={rErr?.length ? `${rId}-error` : undefined}
                        className={cx('h-8 font-mono', inputClasses)}
                      />
                      <FieldError id={rId} errors={rErr} />
                    </td>
                    <td className="py-1 pl-2 whitespace-nowrap">
                      {hasValue ? (
                        <div className="flex h-8 items-center gap-1.5">
                          <input
                            id={xId}
                            name={xId}
                            type="checkbox"
                            defaultChecked={failed && valueOf(state, xId) === 'on'}
                            className="size-4 rounded border-gray-400 accent-blue-700"
                          />
                          <label htmlFor={xId} className="text-sm text-gray-900">
                            {t.rich('dependencies.removeRow', { row: i + 1, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
                          </label>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </fieldset>

      <div className="flex items-center gap-3">
        <SubmitButton pendingText={t('pending')}>{submitLabel}</SubmitButton>
        <Link href={cancelHref} className="link text-sm">
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}
