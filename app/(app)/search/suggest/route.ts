import { getLocale, getTranslations } from 'next-intl/server';
import { Refusal } from '@/lib/server/errors';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { search } from '@/lib/server/search';
import { currentUser } from '@/lib/server/session';
import { KIND_KEYS } from '../kinds';

// GET /search/suggest?q=…: the search box's suggestions as JSON, for the signed-in person
// (their session; not a token API). What their roles may not open is not searched.
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get('q') ?? '';
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  try {
    const [result, t, locale] = await Promise.all([search(await currentUser(), q), getTranslations('search.kinds'), getLocale().then(languageOf)]);
    // each group named in the person's language, and each hit's detail (said by lib/server/search)
    const groups = result.groups.map((g) => ({ ...g, label: t(KIND_KEYS[g.kind]), hits: g.hits.map((h) => ({ ...h, detail: localize(h.detail, locale) })) }));
    return new Response(JSON.stringify({ ...result, groups }), { status: 200, headers });
  } catch (err) {
    if (err instanceof Refusal) {
      return new Response(JSON.stringify({ error: localize(err.message, await getLocale().then(languageOf)) }), {
        status: err.code === 'unauthenticated' ? 401 : 403,
        headers,
      });
    }
    throw err;
  }
}
