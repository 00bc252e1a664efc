import { getLocale } from 'next-intl/server';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { currentUser } from '@/lib/server/session';
import { getWhatsNewFeed } from '@/lib/server/whats-new';

export const dynamic = 'force-dynamic';

// GET /whats-new/<component>/feed.xml?token=… — the component's published release
// announcements as an Atom 1.0 feed. Feed readers cannot sign in, so the address carries a
// signed per-component token (shown on the What's new page); a session works too. Refusals
// are plain text, never an error page (docs/decisions/031-release-announcements.md).

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

export async function GET(request: Request, { params }: { params: Promise<{ component: string }> }) {
  const url = new URL(request.url);
  let name: string;
  try {
    name = decodeURIComponent((await params).component);
  } catch {
    return text('There is no such component.', 404);
  }
  const actor = await currentUser().catch(() => null);
  const result = await getWhatsNewFeed(name, { actor, token: url.searchParams.get('token') }, url.origin);
  // a person opening the address reads the refusal in their language; a feed reader gets English
  if (result.status !== 200) return text(localize(result.message, languageOf(await getLocale().catch(() => 'en'))), result.status);
  return new Response(result.body, {
    status: 200,
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'private, no-cache',
      'last-modified': result.updated.toUTCString(),
      'x-content-type-options': 'nosniff',
    },
  });
}
