'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { CheckboxGroup, FieldError, FieldHint, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { fieldBinder, VERBATIM } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { HiddenFields } from '@/components/ui/hidden-fields';
import { SubmitButton } from '@/components/ui/submit-button';
import { KeepInput } from '@/components/forms/keep-input';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface EditableEnvironment {
  id: string;
  name: string;
  displayName: string;
  tier: string;
  position: number;
  protected: boolean;
  deployRoles: string[];
  deployTeams: { id: string; name: string }[];
  description: string;
  version: number;
}

/** The choices for "who may deploy": the roles that may record deployments, and every team. */
export interface DeployerChoices {
  roles: { value: string; label: string }[];
  teams: { id: string; name: string }[];
}

const TIERS = ['development', 'test', 'staging', 'production'] as const;

/**
 * Creates an environment (no `environment`) or edits one. Its words come from the environments
 * catalogue: render it through EnvironmentForm (environment-form.tsx), which hands them over.
 */
export function EnvironmentFormFields({
  action,
  environment,
  submitLabel,
  suggestedPosition,
  deployers,
}: {
  action: Action;
  environment?: EditableEnvironment;
  submitLabel: string;
  suggestedPosition?: number;
  deployers: DeployerChoices;
}) {
  const t = useTranslations('environments.form');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const bind = fieldBinder(state);
  const isProtected = failed ? valueOf(state, 'protected') === 'on' : (environment?.protected ?? false);
  const positionErrors = errorsOf(state, 'position');
  // offer moving the others once a position clash was reported
  // (lib/server/environments words the clash in English and names the box by its English label)
  const offerMove = Boolean(positionErrors?.some((e) => e.includes('Move the others')));
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3">
      <KeepInput id={`environment:${environment?.id ?? 'new'}`} state={state} />
      <FormMessages state={state} />
      <HiddenFields values={environment && { id: environment.id, version: environment.version, originalName: environment.name }} />
      <TextField {...bind('name', environment?.name ?? '')} {...VERBATIM} label={t('name')} required maxLength={40} hint={t('nameHint')} />
      <TextField {...bind('displayName', environment?.displayName ?? '')} label={t('displayName')} required maxLength={80} autoComplete="off" />
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          {...bind('tier', environment?.tier ?? 'test')}
          label={t('tier')}
          required
          options={TIERS.map((tier) => ({ value: tier, label: t(`tiers.${tier}`) }))}
        />
        <TextField
          {...bind('position', String(environment?.position ?? suggestedPosition ?? 10))}
          label={t('position')}
          type="number"
          inputMode="numeric"
          required
          hint={t('positionHint')}
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
              {t('moveOthers')}
            </label>
          </div>
          <FieldHint id="moveOthers">{t('moveOthersHint')}</FieldHint>
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
            {t('protected')}
          </label>
        </div>
        <FieldHint id="protected">{t('protectedHint', { gate: 'deploy.protected' })}</FieldHint>
        <FieldError id="protected" errors={errorsOf(state, 'protected')} />
      </div>
      <fieldset className="space-y-2 rounded-md border border-gray-200 p-2">
        <legend className="px-1 text-sm font-medium text-gray-900">{t('deployers')}</legend>
        <p className="text-sm text-gray-700">{t('deployersHint')}</p>
        <CheckboxGroup
          id="deployRoles"
          name="deployRoles"
          label={t('roles')}
          errors={errorsOf(state, 'deployRoles')}
          defaultValues={failed ? valuesOf(state, 'deployRoles') : (environment?.deployRoles ?? [])}
          options={deployers.roles}
          key={`roles-${state.at ?? 0}`}
        />
        <div className="max-h-40 overflow-y-auto">
          <CheckboxGroup
            id="deployTeamIds"
            name="deployTeamIds"
            label={t('teams')}
            hint={deployers.teams.length ? undefined : t('noTeams')}
            errors={errorsOf(state, 'deployTeamIds')}
            defaultValues={failed ? valuesOf(state, 'deployTeamIds') : (environment?.deployTeams.map((t) => t.id) ?? [])}
            options={deployers.teams.map((t) => ({ value: t.id, label: t.name }))}
            key={`teams-${state.at ?? 0}`}
          />
        </div>
      </fieldset>
      <TextAreaField {...bind('description', environment?.description ?? '')} label={t('description')} maxLength={1000} />
      <SubmitButton pendingText={t('saving')}>{submitLabel}</SubmitButton>
    </form>
  );
}
