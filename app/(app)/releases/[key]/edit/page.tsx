import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ReleaseForm } from '@/components/release-forms/release-form';
import { AccessDenied } from '@/components/route/access-denied';
import { PageHeader } from '@/components/ui/page-header';
import { getReleaseForEdit, releaseFormOptions } from '@/lib/server/release-edits';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { updateReleaseAction } from '../edit-actions';
import { releaseHref } from '@/lib/domain/release-parts';

type Params = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const t = await getTranslations('releases.edit');
  return { title: t('title', { key: (await params).key.slice(0, 20) }) };
}

export default async function EditReleasePage({ params }: Params) {
  const { key } = await params;
  const actor = await requireUser();
  const t = await getTranslations('releases.edit');
  const loaded = await guard(async () => ({ values: await getReleaseForEdit(actor, key), choices: await releaseFormOptions(actor) }));
  if (!loaded.ok) return <AccessDenied title={t('denied')} reason={loaded.message} />;
  const { values, choices } = loaded.value;
  if (!values) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={releaseHref(values.key)} className="link">
          {t('back', { key: values.key })}
        </Link>
      </p>
      <PageHeader title={t('title', { key: values.key })} description={t('description', { version: values.version })} />
      <div className="max-w-3xl rounded-md border border-gray-200 bg-white p-4">
        {values.editable ? (
          <ReleaseForm
            action={updateReleaseAction}
            initial={values}
            choices={{ ...choices, viewerTimeZone: (await currentViewer()).timeZone }}
            submitLabel={t('submit')}
            cancelHref={releaseHref(values.key)}
          />
        ) : (
          <p className="text-sm text-gray-800" data-testid="release-locked">
            {values.lockedReason ? localize(values.lockedReason, await getLocale()) : null}{' '}
            <Link href={releaseHref(values.key)} className="link">
              {t('backToRelease')}
            </Link>
          </p>
        )}
      </div>
    </>
  );
}
