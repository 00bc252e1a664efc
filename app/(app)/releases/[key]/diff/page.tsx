import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { labelClasses, inputClasses } from '@/components/ui/field';
import { PackageDiffTable } from '@/components/packages/diff-table';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { cx } from '@/components/ui/cx';
import type { DiffBuild } from '@/lib/domain/package-diff';
import { againstParam, diffPackage, localizeDiffView, parseAgainst } from '@/lib/server/packages';
import { requireUser } from '@/lib/server/session';
import { releaseHref } from '@/lib/domain/release-parts';
import { Markdown } from '@/components/ui/markdown';

// the notes column's classes (a constant: the UI-text lint reads a spaced attribute value as words)
const NOTES_CLASSES = 'max-w-xl text-xs';

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  const t = await getTranslations('releases.diff');
  return { title: t('metaTitle', { key: key.slice(0, 20) }) };
}

function Notes({ builds }: { builds: DiffBuild[] }) {
  const t = useTranslations('releases.diff');
  const withNotes = builds.filter((b) => b.notes.trim() || b.workItems.length);
  if (!withNotes.length) return <span className="text-gray-700">{t('noBuildNotes')}</span>;
  return (
    <ul className="space-y-1">
      {withNotes.map((b) => (
        <li key={b.version}>
          {builds.length > 1 ? <span className="font-mono text-xs font-semibold">{b.version}: </span> : null}
          {b.notes.trim() ? <Markdown text={b.notes.trim()} className="inline break-words [&>*]:inline" /> : null}
          {b.workItems.length ? (
            <span className="ml-1 text-gray-700">
              (
              {b.workItems.map((w, i) => (
                <span key={w.key}>
                  {i ? ', ' : ''}
                  {w.url ? (
                    <a href={w.url} className="link font-mono" rel="noreferrer noopener" target="_blank">
                      {w.key}
                      <span className="sr-only">{t('newTab')}</span>
                    </a>
                  ) : (
                    <span className="font-mono">{w.key}</span>
                  )}
                  {w.title ? ` ${w.title}` : ''}
                </span>
              ))}
              )
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default async function PackageDiffPage({ params, searchParams }: Props) {
  const { key } = await params;
  const sp = await searchParams;
  const actor = await requireUser();
  const t = await getTranslations('releases.diff');
  const against = parseAgainst(sp.against);
  const found = await diffPackage(actor, key, against);
  if (!found) notFound();
  const view = localizeDiffView(found, await getLocale());
  const { diff } = view;
  const current = againstParam(against);
  const download = `/releases/${view.release.key}/notes?against=${encodeURIComponent(current)}`;
  const changes = diff.added.length + diff.changed.length + diff.removed.length;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={releaseHref(view.release.key, 'package')} className="link">
          ← {view.release.key} {view.release.title}
        </Link>
      </p>
      <PageHeader
        title={t('title', { key: view.release.key })}
        description={t('comparedWith', { against: view.againstLabel })}
        actions={
          view.error ? null : (
            <a href={download} className={buttonClasses('primary', 'md')} download>
              {t('download')}
            </a>
          )
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2 rounded-md border border-gray-200 bg-white p-3">
        <div>
          <label htmlFor="against" className={labelClasses}>
            {t('compareWith')}
          </label>
          <select id="against" name="against" defaultValue={current} className={cx('mt-1 h-8 py-0 pr-8', inputClasses)}>
            <option value="previous">
              {view.options.previous ? t('previous', { key: view.options.previous.key, title: view.options.previous.title }) : t('previousNone')}
            </option>
            {view.options.environments.map((e) => (
              <option key={e.name} value={`environment:${e.name}`}>
                {t('environmentNow', { environment: e.displayName })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClasses('secondary', 'md')}>
          {t('compare')}
        </button>
        <p className="w-full text-xs text-gray-700">{t('explain')}</p>
      </form>

      {view.error ? (
        <EmptyState
          title={t('cannotCompare')}
          action={
            <Link href={`/releases/${view.release.key}/diff`} className="link">
              {t('compareWithPrevious')}
            </Link>
          }
        >
          {view.error}
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <Section id="changes" title={t('changesTitle')} count={changes} bare>
            {changes === 0 && diff.unchanged.length === 0 ? (
              <EmptyState title={t('nothingTitle')} compact>
                {t('nothingBody')}
              </EmptyState>
            ) : (
              <PackageDiffTable
                diff={diff}
                caption={t('table.caption')}
                fromHeading={t('table.from')}
                toHeading={t('table.to')}
                notesHeading={t('table.notes')}
                notesClassName={NOTES_CLASSES}
                addedNotes={(b) => <Notes builds={[b]} />}
                changedNotes={(c) => <Notes builds={c.between} />}
                unchangedNote={t('table.same')}
              />
            )}
          </Section>
          <Section id="notes" title={t('notesTitle')}>
            <Markdown text={view.markdown} />
            <details className="mt-3">
              <summary className="cursor-pointer text-sm text-blue-800">{t('source')}</summary>
              <pre className="max-h-[32rem] overflow-auto text-xs break-words whitespace-pre-wrap text-gray-900" tabIndex={0} aria-label={t('sourceLabel')}>
                {view.markdown}
              </pre>
            </details>
          </Section>
        </div>
      )}
    </>
  );
}
