import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { correctAnnouncementAction, saveAnnouncementAction } from '../announcement-actions';
import { AnnouncementForm, CorrectAnnouncementForm } from '@/components/announcements/announcement-form';
import { Markdown } from '@/components/ui/markdown';
import { Badge } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Section } from '@/components/ui/section';
import { Prose, When } from '@/components/ui/text';
import { MarkdownText } from '@/components/ui/markdown';
import { draftFromReleaseNotes, getAnnouncementPanel } from '@/lib/server/announcements';
import { releaseHref } from '@/lib/domain/release-parts';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { ClientMessages } from '@/components/i18n/client-messages';

/**
 * The release's announcement for the users of its components: written and published by a
 * release manager once the release is deployed, then listed on each component's What's new
 * page, in its feed, and e-mailed to its distribution list.
 */
export async function AnnouncementPanel({ release, timezone, fromNotes }: { release: ReleaseRef; timezone: string; fromNotes: boolean }) {
  const actor = await requireUser();
  const [t, locale] = await Promise.all([getTranslations('release-page.announcement'), getLocale().then(languageOf)]);
  const panel = await getAnnouncementPanel(actor, release);
  if (!panel) return null;
  // why publishing or writing is refused, in the reader's language
  const a = {
    ...panel,
    publishBlocked: panel.publishBlocked === null ? null : localize(panel.publishBlocked, locale),
    editBlocked: panel.editBlocked === null ? null : localize(panel.editBlocked, locale),
  };
  const published = a.status === 'published';
  // a new announcement starts from the release notes; "Draft from release notes" refills a draft
  const prefill = a.canEdit && !published && (a.status === 'none' || fromNotes) ? await draftFromReleaseNotes(actor, release) : null;
  const initial = prefill ? { ...prefill, summary: a.text.summary || prefill.summary } : a.text;
  const lists = a.components.filter((c) => c.addresses > 0);
  return (
    <ClientMessages namespaces={['announcements']}>
      <Section id="announcement" title={t('title')}>
        <div className="space-y-3">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={published ? 'green' : a.status === 'draft' ? 'gray' : 'stone'}>
              {published ? t('status.published') : a.status === 'draft' ? t('status.draft') : t('status.notStarted')}
            </Badge>
            <span className="text-gray-800">
              {published
                ? a.correctedAt
                  ? t.rich('publishedCorrected', {
                      published: () => <When iso={a.publishedAt} zone={timezone} />,
                      corrected: () => <When iso={a.correctedAt} zone={timezone} />,
                    })
                  : t.rich('publishedAt', { published: () => <When iso={a.publishedAt} zone={timezone} /> })
                : t('notPublished')}
            </span>
          </p>
          <p className="text-sm text-gray-700">
            {a.components.length ? (
              <>
                {t('listedOn')}{' '}
                {a.components.map((c, i) => (
                  <span key={c.name}>
                    {i ? ', ' : ''}
                    <Link href={`/whats-new/${encodeURIComponent(c.name)}`} className="text-blue-800 underline">
                      {c.name}
                    </Link>
                  </span>
                ))}
                .{' '}
                {lists.length
                  ? t('emailedTo', { count: lists.reduce((n, c) => n + c.addresses, 0), components: lists.map((c) => c.name).join(', ') })
                  : t('noLists')}
              </>
            ) : (
              t('noComponents')
            )}
          </p>

          {published ? (
            <div className="rounded-md border border-gray-200 p-3">
              <h3 className="text-sm font-semibold text-gray-900">{a.text.title}</h3>
              <DescriptionList
                columns={2}
                items={[
                  { term: t('fields.summary'), value: <MarkdownText text={a.text.summary} empty="—" /> },
                  { term: t('fields.effective'), value: <Prose text={a.text.effective} empty="—" /> },
                  { term: t('fields.contact'), value: <Prose text={a.text.contact} empty="—" /> },
                ]}
              />
              {a.text.body ? <Markdown text={a.text.body} className="mt-2 space-y-2 text-sm break-words text-gray-900" /> : null}
            </div>
          ) : null}

          {a.editBlocked ? <p className="text-sm text-gray-700">{a.editBlocked}</p> : null}

          {a.canEdit && !published ? (
            <details open className="rounded-md border border-gray-200 p-3">
              <summary className="cursor-pointer text-sm font-semibold text-gray-900">{a.status === 'draft' ? t('edit') : t('write')}</summary>
              <div className="mt-3 space-y-2">
                <p className="text-sm text-gray-700">
                  {prefill ? t('prefilled') : null}
                  {t.rich('draftFromNotes', {
                    link: (c) => (
                      <Link href={`${releaseHref(a.releaseKey, 'handover')}?draft=notes#announcement`} className="text-blue-800 underline">
                        {c}
                      </Link>
                    ),
                  })}
                </p>
                <AnnouncementForm
                  action={saveAnnouncementAction}
                  releaseKey={a.releaseKey}
                  initial={initial}
                  version={a.version}
                  publishBlocked={a.publishBlocked}
                />
              </div>
            </details>
          ) : null}

          {a.canEdit && published ? (
            <details className="rounded-md border border-gray-200 p-3">
              <summary className="cursor-pointer text-sm font-semibold text-gray-900">{t('correct')}</summary>
              <div className="mt-3">
                <CorrectAnnouncementForm action={correctAnnouncementAction} releaseKey={a.releaseKey} initial={a.text} version={a.version} />
              </div>
            </details>
          ) : null}

          {a.revisions.length > 1 ? (
            <details className="rounded-md border border-gray-200 p-3">
              <summary className="cursor-pointer text-sm font-semibold text-gray-900">{t('revisions', { count: a.revisions.length })}</summary>
              <ol className="mt-2 space-y-3">
                {a.revisions.map((r) => (
                  <li key={r.revision} className="text-sm">
                    <p className="font-medium text-gray-900">
                      {t.rich(r.revision === 1 ? 'revision.published' : 'revision.correction', {
                        correction: r.revision - 1,
                        by: r.publishedBy,
                        when: () => <When iso={r.publishedAt} zone={timezone} />,
                      })}
                      {r.emailed ? t('revision.emailed') : t('revision.notEmailed')}
                    </p>
                    {r.note ? <p className="text-gray-700">{t('revision.note', { note: r.note })}</p> : null}
                    <p className="text-gray-800">
                      <span className="font-medium">{r.title}</span> — {r.summary}
                    </p>
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </div>
      </Section>
    </ClientMessages>
  );
}
