import { z } from 'zod';
import { methodNotAllowed } from '@/lib/server/api';
import { runCliCommand } from '@/lib/server/cli-commands';
import { CONTROL_HEADER, controlSecretMatches, isLoopback } from '@/lib/server/cli-control';
import { dataDir } from '@/lib/server/env';

// The command channel of `npm run relm` while this server holds the embedded
// database (docs/decisions/005-api-tokens-and-cli.md). What protects it is the
// secret this process wrote to <data dir>/control.json (mode 0600, new on every
// start). The address check here is only a second fence: Next.js fills
// X-Forwarded-For from the socket only when the client sent none, so under
// `npm start` scripts/start.ts checks the real socket address before Next.js.

export const dynamic = 'force-dynamic';

const BodySchema = z.object({
  argv: z.array(z.string().max(4000)).max(40),
  stdin: z.string().max(10_000).optional(),
});

const json = (body: unknown, status: number) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/** The last X-Forwarded-For hop: the socket's address unless the client sent the header. */
function socketAddress(request: Request): string | null {
  const parts = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts[parts.length - 1] ?? null;
}

export async function POST(request: Request) {
  if (!isLoopback(socketAddress(request))) {
    return json({ message: 'The command channel only accepts requests from this machine.' }, 403);
  }
  if (!controlSecretMatches(dataDir(), request.headers.get(CONTROL_HEADER))) {
    return json({ message: 'The command channel secret does not match this server: the server restarted, or another server wrote control.json.' }, 403);
  }
  const text = await request.text().catch(() => '');
  if (text.length > 64_000) return json({ message: 'Command too long.' }, 413);
  let body: z.infer<typeof BodySchema>;
  try {
    body = BodySchema.parse(JSON.parse(text));
  } catch {
    return json({ message: 'Expected {"argv": ["audit", "verify"], "stdin"?: "…"}.' }, 400);
  }
  const out = await runCliCommand(body.argv, { stdin: body.stdin, requestId: request.headers.get('x-request-id')?.slice(0, 64) || undefined });
  return json(out, 200);
}

// other methods: a JSON 405 with Allow, as on every route
const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
