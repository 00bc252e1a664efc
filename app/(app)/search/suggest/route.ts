import { getTranslations } from 'next-intl/server';
import { Refusal } from '@/lib/server/errors';
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
    const [result, t] = await Promise.all([search(await currentUser(), q), getTranslations('search.kinds')]);
    // each group named in the person's language (the hits' own words come from lib/server/search)
    const groups = result.groups.map((g) => ({ ...g, label: t(KIND_KEYS[g.kind]) }));
    return new Response(JSON.stringify({ ...result, groups }), { status: 200, headers });
  } catch (err) {
    if (err instanceof Refusal) {
      return new Response(JSON.stringify({ error: err.message }), { status: err.code === 'unauthenticated' ? 401 : 403, headers });
    }
    throw err;
  }
}
