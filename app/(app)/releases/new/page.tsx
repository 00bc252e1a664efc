import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ReleaseForm } from '@/components/release-forms/release-form';
import { AccessDenied } from '@/components/route/access-denied';
import { PageHeader } from '@/components/ui/page-header';
import { assertCan } from '@/lib/server/authz';
import { releaseFormOptions } from '@/lib/server/release-edits';
import { listTemplates, templateForNewRelease } from '@/lib/server/templates';
import { SubmitButton } from '@/components/ui/submit-button';
import { inputClasses } from '@/components/ui/field';
import { cx } from '@/components/ui/cx';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { createReleaseAction } from './actions';

export const metadata: Metadata = { title: 'New release' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewReleasePage({ searchParams }: Props) {
  const actor = await requireUser();
  const loaded = await guard(async () => {
    assertCan(actor, 'release.create');
    return releaseFormOptions(actor);
  });
  if (!loaded.ok) return <AccessDenied title="New release" reason={loaded.message} />;
  const choices = loaded.value;
  const isManager = choices.releaseManagers.some((u) => u.id === actor.id);
  // a template fills the form; on create its plan, risks, back-out plan, handover skeleton and
  // stakeholder notes are created with the release (docs/decisions/044)
  const picked = (await searchParams).template;
  const templates = await listTemplates(actor);
  const template = typeof picked === 'string' && picked ? await templateForNewRelease(actor, picked) : null;
  const b = template?.body;
  const activeUsers = new Set(choices.users.map((u) => u.id));
  const initial = b
    ? {
        title: b.title,
        type: b.type,
        ownerId: isManager ? (actor.id ?? '') : '',
        environments: b.environments.filter((n) => choices.environments.some((e) => e.name === n)),
        plannedStart: '',
        plannedEnd: '',
        timezone: choices.timeZones.includes(b.timezone) ? b.timezone : 'UTC',
        description: b.description,
        businessJustification: b.businessJustification,
        stakeholderIds: b.stakeholders.map((s) => s.userId).filter((id) => activeUsers.has(id)),
      }
    : undefined;
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
      {templates.length ? (
        <form method="get" action="/releases/new" className="mb-4 flex max-w-3xl flex-wrap items-end gap-2 rounded-md border border-gray-200 bg-white p-4">
          <div className="min-w-0 flex-1">
            <label htmlFor="template" className="block text-sm font-medium text-gray-900">
              Start from a template
            </label>
            <select id="template" name="template" defaultValue={template?.versionId ?? ''} className={cx('mt-1 h-8', inputClasses)}>
              <option value="">No template (an empty release)</option>
              {templates.map((t) => (
                <option key={t.id} value={t.latestVersionId}>
                  {t.name} v{t.latestVersion}
                  {t.standardChange ? ' (standard change)' : ''}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton size="sm" variant="secondary">
            Use template
          </SubmitButton>
        </form>
      ) : null}
      {typeof picked === 'string' && picked && !template ? (
        <p role="alert" className="mb-4 max-w-3xl rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-gray-900">
          That template version cannot be used: it does not exist, is retired, or is no longer valid. Choose another one or start empty.
        </p>
      ) : null}
      {template ? (
        <p data-testid="template-summary" className="mb-4 max-w-3xl rounded-md border border-blue-200 bg-blue-50 p-3 text-sm text-gray-900">
          Starting from{' '}
          <strong>
            {template.name} v{template.version}
          </strong>
          : {template.summary}. The plan, risks, back-out plan, handover notes and stakeholder notes are created with the release
          {b?.components.length ? `; its package is expected to ship ${b.components.join(', ')}` : ''}.
        </p>
      ) : null}
      <div className="max-w-3xl rounded-md border border-gray-200 bg-white p-4">
        {choices.environments.length ? (
          <ReleaseForm
            key={template?.versionId ?? 'empty'}
            action={createReleaseAction}
            initial={initial}
            hidden={template ? { templateVersionId: template.versionId } : undefined}
            choices={{ ...choices, viewerTimeZone: (await currentViewer()).timeZone }}
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
