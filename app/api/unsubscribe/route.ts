import { methodNotAllowed } from '@/lib/server/api';
import { unsubscribe } from '@/lib/server/notification-preferences';
import { currentRequestMeta } from '@/lib/server/request-meta';

// RFC 8058 one-click unsubscribe: a mail client POSTs "List-Unsubscribe=One-Click" to the URL in
// an e-mail's List-Unsubscribe header, without a session. The signed token in ?t= says whose
// e-mail and which kind; the change is made and audited as that person. A bad token is a 400
// with a message, never a 500. A GET (a person opening the URL) goes to the page that asks first.

export const dynamic = 'force-dynamic';

const headers = { 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' };

export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get('t');
  try {
    const result = await unsubscribe(token, { meta: await currentRequestMeta() });
    if (!result.ok) return new Response(`${result.message}\n`, { status: 400, headers });
    return new Response(`Unsubscribed ${result.email} from ${result.label}.\n`, { status: 200, headers });
  } catch (err) {
    console.error('[relm] one-click unsubscribe failed', err);
    return new Response('Relm could not record this just now. Try again in a minute.\n', { status: 503, headers });
  }
}

export async function GET(request: Request) {
  const url = new URL(request.url);
  const to = new URL('/unsubscribe', url);
  const token = url.searchParams.get('t');
  if (token) to.searchParams.set('t', token);
  return Response.redirect(to, 303);
}

// other methods: a JSON 405 with Allow, as on every route
const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
