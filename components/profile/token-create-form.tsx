'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { CheckboxGroup, SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-message';
import { ShownOnce } from '@/components/ui/shown-once';
import { SubmitButton } from '@/components/ui/submit-button';

interface Created {
  token: string;
  apiToken: { name: string; scopes: string[]; expiresAt: string | null };
}
type Action = (prev: FormState, form: FormData) => Promise<FormState<Created>>;

const EXPIRY_DAYS = ['30', '7', '90'] as const;

/** Creates a personal API token and then shows it, once. */
export function TokenCreateForm({ action, grantable, origin }: { action: Action; grantable: string[]; origin: string }) {
  const t = useTranslations('profile.tokens.create');
  const [state, formAction] = useActionState(action, IDLE as FormState<Created>);
  const expiry = [
    ...EXPIRY_DAYS.map((days) => ({ value: days, label: t('expiry.days', { days: Number(days) }) })),
    { value: '365', label: t('expiry.year') },
    { value: 'never', label: t('expiry.never') },
  ];
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const created = state.status === 'ok' ? state.data : undefined;
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const showToken = created && dismissedAt !== state.at;

  return (
    <div className="space-y-4">
      {showToken ? <TokenOnce created={created} origin={origin} onDone={() => setDismissedAt(state.at ?? 0)} /> : null}
      <form ref={formRef} action={formAction} noValidate className="space-y-3">
        <FormError key={state.at} requestId={state.requestId}>
          {failed ? state.message : null}
        </FormError>
        <TextField
          name="name"
          label={t('name')}
          required
          maxLength={80}
          autoComplete="off"
          hint={t('nameHint')}
          defaultValue={failed ? valueOf(state, 'name') : ''}
          errors={errorsOf(state, 'name')}
        />
        <CheckboxGroup
          name="scopes"
          label={t('scopes')}
          hint={t('scopesHint')}
          options={[{ value: '*', label: t('fullAccess') }, ...grantable.map((p) => ({ value: p, label: p }))]}
          defaultValues={failed ? valuesOf(state, 'scopes') : []}
          errors={errorsOf(state, 'scopes')}
        />
        <SelectField
          name="expiresInDays"
          label={t('expiresAfter')}
          options={expiry}
          defaultValue={failed ? valueOf(state, 'expiresInDays', '30') : '30'}
          errors={errorsOf(state, 'expiresInDays')}
        />
        <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
      </form>
    </div>
  );
}

/** A request to try the token with (a command, the same in every language). */
const curlExample = (token: string, origin: string) => `curl -H "Authorization: Bearer ${token}" ${origin}/api/v1/releases`;

function TokenOnce({ created, origin, onDone }: { created: Created; origin: string; onDone: () => void }) {
  const t = useTranslations('profile.tokens.once');
  return (
    <ShownOnce
      id="new-token"
      title={t('title', { name: created.apiToken.name })}
      note={t('note')}
      label={t('label')}
      value={created.token}
      exampleIntro={t('exampleIntro')}
      example={curlExample(created.token, origin)}
      exampleLabel={t('exampleLabel')}
      onDone={onDone}
    />
  );
}
