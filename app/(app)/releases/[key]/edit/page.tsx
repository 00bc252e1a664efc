import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReleaseForm } from '@/components/release-forms/release-form';
import { AccessDenied } from '@/components/route/access-denied';
import { PageHeader } from '@/components/ui/page-header';
import { getReleaseForEdit, releaseFormOptions } from '@/lib/server/release-edits';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { updateReleaseAction } from '../edit-actions';
import { releaseHref } from '@/lib/domain/release-parts';

type Params = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Edit ${(await params).key.slice(0, 20)}` };
}

export default async function EditReleasePage({ params }: Params) {
  const { key } = await params;
  const actor = await requireUser();
  const loaded = await guard(async () => ({ values: await getReleaseForEdit(actor, key), choices: await releaseFormOptions(actor) }));
  if (!loaded.ok) return <AccessDenied title="Edit release" reason={loaded.message} />;
  const { values, choices } = loaded.value;
  if (!values) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={releaseHref(values.key)} className="link">
          ← Back to {values.key}
        </Link>
      </p>
      <PageHeader
        title={`Edit ${values.key}`}
        description={`Version ${values.version}. Saving is refused if someone else changed the release after you opened this page.`}
      />
      <div className="max-w-3xl rounded-md border border-gray-200 bg-white p-4">
        {values.editable ? (
          <ReleaseForm
            action={updateReleaseAction}
            initial={values}
            choices={{ ...choices, viewerTimeZone: (await currentViewer()).timeZone }}
            submitLabel="Save changes"
            cancelHref={releaseHref(values.key)}
          />
        ) : (
          <p className="text-sm text-gray-800" data-testid="release-locked">
            {values.lockedReason}{' '}
            <Link href={releaseHref(values.key)} className="link">
              Back to the release
            </Link>
          </p>
        )}
      </div>
    </>
  );
}
