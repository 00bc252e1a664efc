import type { Metadata } from 'next';
import Link from 'next/link';
import { ReleaseForm } from '@/components/release-forms/release-form';
import { AccessDenied } from '@/components/route/access-denied';
import { PageHeader } from '@/components/ui/page-header';
import { assertCan } from '@/lib/server/authz';
import { releaseFormOptions } from '@/lib/server/release-edits';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { createReleaseAction } from './actions';

export const metadata: Metadata = { title: 'New release' };

export default async function NewReleasePage() {
  const actor = await requireUser();
  const loaded = await guard(async () => {
    assertCan(actor, 'release.create');
    return releaseFormOptions(actor);
  });
  if (!loaded.ok) return <AccessDenied title="New release" reason={loaded.message} />;
  const choices = loaded.value;
  const isManager = choices.releaseManagers.some((u) => u.id === actor.id);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/releases" className="link">
          ← All releases
        </Link>
      </p>
      <PageHeader
        title="New release"
        description="It starts as a draft: add its package, risks and plan tasks on the release page, then submit it for approval."
      />
      <div className="max-w-3xl rounded-md border border-gray-200 bg-white p-4">
        {choices.environments.length ? (
          <ReleaseForm
            action={createReleaseAction}
            choices={choices}
            submitLabel="Create release"
            cancelHref="/releases"
            defaultOwnerId={isManager ? (actor.id ?? undefined) : undefined}
          />
        ) : (
          <p className="text-sm text-gray-800">
            There are no environments yet, and a release needs at least one target environment. Ask an admin to add the environments first.
          </p>
        )}
      </div>
    </>
  );
}
