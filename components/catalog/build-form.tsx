'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('catalog.buildForm');
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
          label={t('component')}
          required
          options={[{ value: '', label: t('chooseComponent') }, ...componentNames.map((n) => ({ value: n, label: n }))]}
        />
        <TextField {...bind('version')} {...VERBATIM} label={t('version')} required maxLength={128} placeholder="2.4.1" hint={t('versionHint')} />
        <TextField
          {...bind('artifactDigest')}
          {...VERBATIM}
          label={t('digest')}
          required
          maxLength={80}
          className="sm:col-span-2 [&_input]:font-mono"
          placeholder="sha256:3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b"
          hint={t('digestHint')}
        />
        <TextField {...bind('sourceRepo')} {...VERBATIM} label={t('sourceRepo')} maxLength={500} />
        <TextField {...bind('sourceCommit')} {...VERBATIM} label={t('sourceCommit')} maxLength={100} className="[&_input]:font-mono" />
        <TextField {...bind('sourceBranch')} {...VERBATIM} label={t('sourceBranch')} maxLength={250} />
        <TextField {...bind('producedBy')} label={t('producedBy')} maxLength={200} autoComplete="off" hint={t('producedByHint', { actor: actorLabel })} />
        <TextField {...bind('builtAt')} {...VERBATIM} label={t('builtAt')} maxLength={40} placeholder={t('builtAtPlaceholder')} hint={t('builtAtHint')} />
      </div>
      <TextAreaField {...bind('workItems')} label={t('workItems')} rows={4} hint={t('workItemsHint')} />
      <TextAreaField {...bind('notes')} label={t('notes')} rows={8} maxLength={20000} hint={t('notesHint')} />
      <p className="text-xs text-gray-700">{t('immutable')}</p>
      <div className="flex items-center gap-3">
        <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
        <Link href="/builds" className="link text-sm">
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}
