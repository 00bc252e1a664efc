import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
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
import { readerLocale } from '@/app/_lib/reader-locale';
import { localize } from '@/lib/server/say';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('releases.new');
  return { title: t('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewReleasePage({ searchParams }: Props) {
  const locale = await readerLocale();
  const actor = await requireUser();
  const t = await getTranslations('releases.new');
  const loaded = await guard(async () => {
    assertCan(actor, 'release.create');
    return releaseFormOptions(actor);
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
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
          {t('allReleases')}
        </Link>
      </p>
      <PageHeader title={t('title')} description={t('description')} />
      {templates.length ? (
        <form method="get" action="/releases/new" className="mb-4 flex max-w-3xl flex-wrap items-end gap-2 rounded-md border border-gray-200 bg-white p-4">
          <div className="min-w-0 flex-1">
            <label htmlFor="template" className="block text-sm font-medium text-gray-900">
              {t('template.label')}
            </label>
            <select id="template" name="template" defaultValue={template?.versionId ?? ''} className={cx('mt-1 h-8', inputClasses)}>
              <option value="">{t('template.none')}</option>
              {templates.map((x) => (
                <option key={x.id} value={x.latestVersionId}>
                  {x.standardChange
                    ? t('template.optionStandard', { name: x.name, version: x.latestVersion })
                    : t('template.option', { name: x.name, version: x.latestVersion })}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton size="sm" variant="secondary">
            {t('template.use')}
          </SubmitButton>
        </form>
      ) : null}
      {typeof picked === 'string' && picked && !template ? (
        <p role="alert" className="mb-4 max-w-3xl rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-gray-900">
          {t('template.unusable')}
        </p>
      ) : null}
      {template ? (
        <p data-testid="template-summary" className="mb-4 max-w-3xl rounded-md border border-blue-200 bg-blue-50 p-3 text-sm text-gray-900">
          {t.rich(b?.components.length ? 'template.summaryComponents' : 'template.summary', {
            name: template.name,
            version: template.version,
            summary: localize(template.summary, locale),
            components: b?.components.join(', ') ?? '',
            strong: (c) => <strong>{c}</strong>,
          })}
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
            submitLabel={t('submit')}
            cancelHref="/releases"
            defaultOwnerId={isManager ? (actor.id ?? undefined) : undefined}
          />
        ) : (
          <p className="text-sm text-gray-800">{t('noEnvironments')}</p>
        )}
      </div>
    </>
  );
}
