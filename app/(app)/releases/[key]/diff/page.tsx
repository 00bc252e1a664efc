import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { labelClasses, inputClasses } from '@/components/ui/field';
import { PackageDiffTable } from '@/components/packages/diff-table';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { cx } from '@/components/ui/cx';
import type { DiffBuild } from '@/lib/domain/package-diff';
import { againstParam, diffPackage, parseAgainst } from '@/lib/server/packages';
import { requireUser } from '@/lib/server/session';
import { releaseHref } from '@/lib/domain/release-parts';
import { Markdown } from '@/components/ui/markdown';

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: `${key.slice(0, 20)} package diff` };
}

function Notes({ builds }: { builds: DiffBuild[] }) {
  const withNotes = builds.filter((b) => b.notes.trim() || b.workItems.length);
  if (!withNotes.length) return <span className="text-gray-700">No build notes.</span>;
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
                      <span className="sr-only"> (opens in a new tab)</span>
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
  const against = parseAgainst(sp.against);
  const view = await diffPackage(actor, key, against);
  if (!view) notFound();
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
        title={`${view.release.key} package diff and release notes`}
        description={`Compared with ${view.againstLabel}.`}
        actions={
          view.error ? null : (
            <a href={download} className={buttonClasses('primary', 'md')} download>
              Download Markdown
            </a>
          )
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2 rounded-md border border-gray-200 bg-white p-3">
        <div>
          <label htmlFor="against" className={labelClasses}>
            Compare with
          </label>
          <select id="against" name="against" defaultValue={current} className={cx('mt-1 h-8 py-0 pr-8', inputClasses)}>
            <option value="previous">
              {view.options.previous ? `Previous release: ${view.options.previous.key} ${view.options.previous.title}` : 'Previous release (none found)'}
            </option>
            {view.options.environments.map((e) => (
              <option key={e.name} value={`environment:${e.name}`}>
                What {e.displayName} runs now
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClasses('secondary', 'md')}>
          Compare
        </button>
        <p className="w-full text-xs text-gray-700">
          The previous release is the most recent earlier release (by number), not cancelled, whose package ships any of the same components. Against an
          environment, only the components this package ships are compared.
        </p>
      </form>

      {view.error ? (
        <EmptyState
          title="Cannot compare"
          action={
            <Link href={`/releases/${view.release.key}/diff`} className="link">
              Compare with the previous release
            </Link>
          }
        >
          {view.error}
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <Section id="changes" title="What changes" count={changes} bare>
            {changes === 0 && diff.unchanged.length === 0 ? (
              <EmptyState title="Nothing to compare" compact>
                The package has no builds yet, and there is nothing to compare it with.
              </EmptyState>
            ) : (
              <PackageDiffTable
                diff={diff}
                caption="Added, changed and removed components"
                fromHeading="From"
                toHeading="To"
                notesHeading="Build notes"
                notesClassName="max-w-xl text-xs"
                addedNotes={(b) => <Notes builds={[b]} />}
                changedNotes={(c) => <Notes builds={c.between} />}
                unchangedNote="Same build."
              />
            )}
          </Section>
          <Section id="notes" title="Release notes">
            <Markdown text={view.markdown} />
            <details className="mt-3">
              <summary className="cursor-pointer text-sm text-blue-800">Markdown source</summary>
              <pre
                className="max-h-[32rem] overflow-auto text-xs break-words whitespace-pre-wrap text-gray-900"
                tabIndex={0}
                aria-label="Release notes in Markdown"
              >
                {view.markdown}
              </pre>
            </details>
          </Section>
        </div>
      )}
    </>
  );
}
