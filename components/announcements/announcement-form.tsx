'use client';

import { useTranslations } from 'next-intl';
import { lazy, Suspense, useActionState, useDeferredValue, useState } from 'react';
import { IDLE, errorsOf, valueOf, type FormState } from '@/components/forms/form-state';
import { useFocusOnError } from '@/components/forms/use-focus-error';
import { FieldError, FieldFrame, TextAreaField, TextField, controlState, inputClasses } from '@/components/ui/field';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { cx } from '@/components/ui/cx';
import { KeepInput } from '@/components/forms/keep-input';

// react-markdown is loaded when the preview first renders, not with the page (decision 025)
const Markdown = lazy(() => import('./markdown').then((m) => ({ default: m.Markdown })));

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface AnnouncementFields {
  title: string;
  summary: string;
  body: string;
  effective: string;
  contact: string;
}

const MAX = { title: 200, summary: 1_000, body: 20_000, effective: 300, contact: 500, note: 1_000 };

/** The Markdown body with a live preview of how users will see it. */
function BodyWithPreview({ id, defaultValue, errors }: { id: string; defaultValue: string; errors?: string[] }) {
  const t = useTranslations('announcements');
  const [body, setBody] = useState(defaultValue);
  const shown = useDeferredValue(body);
  const hint = t('bodyHint');
  return (
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
      <FieldFrame id={id} label={t('body')} hint={hint} errors={errors}>
        <textarea
          id={id}
          name="body"
          rows={10}
          maxLength={MAX.body}
          defaultValue={defaultValue}
          onChange={(e) => setBody(e.target.value)}
          {...controlState(id, hint, errors)}
          className={cx('mt-1 font-mono', inputClasses)}
        />
      </FieldFrame>
      <div>
        <p id={`${id}-preview-label`} className="text-sm font-medium text-gray-900">
          {t('preview')}
        </p>
        <div aria-labelledby={`${id}-preview-label`} role="region" className="mt-1 min-h-24 rounded-md border border-dashed border-gray-300 bg-gray-50 p-2">
          {shown.trim() ? (
            <Suspense fallback={<p className="text-sm text-gray-700">{t('previewLoading')}</p>}>
              <Markdown text={shown} />
            </Suspense>
          ) : (
            <p className="text-sm text-gray-700 italic">{t('previewEmpty')}</p>
          )}
        </div>
      </div>
    </div>
  );
}

function TextFieldsOf({ state, initial, prefix }: { state: FormState; initial: AnnouncementFields; prefix: string }) {
  const t = useTranslations('announcements');
  const failed = state.status === 'error';
  const v = (name: keyof AnnouncementFields) => (failed ? valueOf(state, name, initial[name]) : initial[name]);
  return (
    <>
      <TextField
        id={`${prefix}-title`}
        name="title"
        label={t('title')}
        hint={t('titleHint')}
        maxLength={MAX.title}
        defaultValue={v('title')}
        errors={errorsOf(state, 'title')}
      />
      <TextAreaField
        id={`${prefix}-summary`}
        name="summary"
        label={t('summary')}
        hint={t('summaryHint')}
        rows={3}
        maxLength={MAX.summary}
        defaultValue={v('summary')}
        errors={errorsOf(state, 'summary')}
      />
      <BodyWithPreview id={`${prefix}-body`} defaultValue={v('body')} errors={errorsOf(state, 'body')} />
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <TextField
          id={`${prefix}-effective`}
          name="effective"
          label={t('effective')}
          hint={t('effectiveHint')}
          maxLength={MAX.effective}
          defaultValue={v('effective')}
          errors={errorsOf(state, 'effective')}
        />
        <TextField
          id={`${prefix}-contact`}
          name="contact"
          label={t('contact')}
          hint={t('contactHint')}
          maxLength={MAX.contact}
          defaultValue={v('contact')}
          errors={errorsOf(state, 'contact')}
        />
      </div>
    </>
  );
}

/** Write the announcement: save a draft, or publish it (once the release is deployed). */
export function AnnouncementForm({
  action,
  releaseKey,
  initial,
  version,
  publishBlocked,
}: {
  action: Action;
  releaseKey: string;
  initial: AnnouncementFields;
  version: number;
  /** why publishing would be refused now, shown beside the button */
  publishBlocked: string | null;
}) {
  const t = useTranslations('announcements');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-3">
      <KeepInput id={`announcement:${releaseKey}`} state={state} />
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <TextFieldsOf state={state} initial={initial} prefix="announcement" />
      {publishBlocked ? (
        <p id="announcement-publish-rule" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {publishBlocked}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="intent" value="publish" size="sm" pendingText={t('publishing')}>
          {t('publish')}
        </SubmitButton>
        <SubmitButton name="intent" value="draft" variant="secondary" size="sm" pendingText={t('saving')}>
          {t('saveDraft')}
        </SubmitButton>
      </div>
    </form>
  );
}

/** Correct a published announcement: the earlier text is kept; the lists are e-mailed only when ticked. */
export function CorrectAnnouncementForm({
  action,
  releaseKey,
  initial,
  version,
}: {
  action: Action;
  releaseKey: string;
  initial: AnnouncementFields;
  version: number;
}) {
  const t = useTranslations('announcements.correction');
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useFocusOnError(state);
  const failed = state.status === 'error';
  const noteErrors = errorsOf(state, 'note');
  return (
    <form key={state.at ?? 0} ref={formRef} action={formAction} noValidate className="space-y-3">
      <KeepInput id={`announcement-correction:${releaseKey}`} state={state} />
      <FormMessages state={state} />
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="version" value={version} />
      <TextFieldsOf state={state} initial={initial} prefix="correction" />
      <TextField
        id="correction-note"
        name="note"
        label={t('note')}
        hint={t('noteHint')}
        maxLength={MAX.note}
        defaultValue={failed ? valueOf(state, 'note') : ''}
        errors={noteErrors}
      />
      <div className="flex items-start gap-2">
        <input
          id="correction-send-email"
          type="checkbox"
          name="sendEmail"
          value="on"
          defaultChecked={failed ? valueOf(state, 'sendEmail') === 'on' : false}
          aria-describedby="correction-send-email-hint"
          className="mt-0.5 size-4 rounded border-gray-400 accent-blue-700"
        />
        <div>
          <label htmlFor="correction-send-email" className="text-sm text-gray-900">
            {t('sendEmail')}
          </label>
          <p id="correction-send-email-hint" className="text-xs text-gray-600">
            {t('sendEmailHint')}
          </p>
          <FieldError id="correction-send-email" errors={errorsOf(state, 'sendEmail')} />
        </div>
      </div>
      <SubmitButton size="sm" pendingText={t('publishing')}>
        {t('publish')}
      </SubmitButton>
    </form>
  );
}
