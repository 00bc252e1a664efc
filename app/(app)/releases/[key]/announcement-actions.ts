'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { revalidatePart } from './_lib/revalidate';
import { formText, toFormState, type FormState } from '@/components/forms/form-state';
import { correctAnnouncement, publishAnnouncement, saveAnnouncement } from '@/lib/server/announcements';

const refresh = (key: string) => {
  revalidatePart(key, 'handover');
  revalidatePath('/whats-new', 'layout');
};

function readText(form: FormData) {
  return {
    releaseKey: formText(form, 'releaseKey', 20),
    title: formText(form, 'title', 1_000),
    summary: formText(form, 'summary', 5_000),
    body: formText(form, 'body', 25_000),
    effective: formText(form, 'effective', 1_000),
    contact: formText(form, 'contact', 2_000),
  };
}

/** Save a draft, or publish (intent=publish). */
export async function saveAnnouncementAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.announcement');
  const values = readText(form);
  const seen = form instanceof FormData && form.has('version') ? { version: formText(form, 'version', 20) } : {};
  if (formText(form, 'intent', 10) === 'publish') {
    const result = await publishAnnouncement({ ...values, ...seen });
    if (result.ok) refresh(values.releaseKey);
    return toFormState(result, values, (d) =>
      d.emailsQueued
        ? t('published', { components: d.components.join(', '), count: d.emailsQueued })
        : t('publishedNoEmail', { components: d.components.join(', ') }),
    );
  }
  const result = await saveAnnouncement({ ...values, ...seen });
  if (result.ok) refresh(values.releaseKey);
  return toFormState(result, values, t('savedDraft'));
}

export async function correctAnnouncementAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations('release-page.actions.announcement');
  const values = {
    ...readText(form),
    note: formText(form, 'note', 2_000),
    sendEmail: formText(form, 'sendEmail', 10),
    version: formText(form, 'version', 20),
  };
  const result = await correctAnnouncement(values);
  if (result.ok) refresh(values.releaseKey);
  return toFormState(result, values, (d) =>
    d.emailsQueued ? t('corrected', { correction: d.revision - 1, count: d.emailsQueued }) : t('correctedNoEmail', { correction: d.revision - 1 }),
  );
}
