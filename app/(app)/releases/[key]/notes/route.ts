import { getLocale, getTranslations } from 'next-intl/server';
import { releaseNotesMarkdown, type NotesWords } from '@/lib/domain/package-diff';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { diffPackage, parseAgainst } from '@/lib/server/packages';
import { requireUser } from '@/lib/server/session';

// GET /releases/REL-n/notes?against=previous|environment:<name>
// The release notes as a Markdown file, for the signed-in person.

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const actor = await requireUser();
  const { key } = await params;
  const against = parseAgainst(new URL(request.url).searchParams.get('against'));
  let view;
  try {
    view = await diffPackage(actor, key.toUpperCase(), against);
  } catch (err) {
    if (err instanceof Error && err.name === 'Refusal') return text(localize(err.message, languageOf(await getLocale())), 403);
    throw err;
  }
  if (!view) return text((await getTranslations('releases.notes'))('notFound', { key: key.slice(0, 20) }), 404);
  const locale = languageOf(await getLocale());
  if (view.error) return text(localize(view.error, locale), 404);
  // the notes in the reader's language: headings and phrases from the release-notes catalogue, what they compare with said again
  const markdown =
    locale === 'en'
      ? view.markdown
      : releaseNotesMarkdown(
          view.diff,
          { title: view.release.title, key: view.release.key, against: localize(view.againstLabel, locale) },
          (await getTranslations('release-notes')) as unknown as NotesWords,
        );
  return new Response(markdown, {
    status: 200,
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="${view.release.key}-release-notes.md"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
