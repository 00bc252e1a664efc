import { z } from 'zod';
import { advanceClock, clockState, resetClock, setClock, testClockEnabled } from '@/lib/server/clock';

// The clock seam for end-to-end tests (docs/decisions/012-one-clock.md): Playwright
// moves the server's clock instead of waiting. It exists only in a process started
// with RELM_TEST_CLOCK=1; anywhere else every method answers 404, so a production
// server cannot have its clock moved and does not even show that it could.

export const dynamic = 'force-dynamic';

const BodySchema = z
  .object({
    /** move to this instant */
    at: z.iso.datetime({ offset: true }).optional(),
    /** then move on (or back) by this many milliseconds */
    advanceMs: z
      .number()
      .int()
      .min(-10 * 366 * 86_400_000)
      .max(10 * 366 * 86_400_000)
      .optional(),
    /** stay at the instant (true) or run on from it (false, the default) */
    frozen: z.boolean().optional(),
    /** back to the wall clock */
    reset: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => !(b.reset && (b.at !== undefined || b.advanceMs !== undefined || b.frozen !== undefined)), { message: 'reset goes alone.' })
  .refine((b) => b.reset || b.at !== undefined || b.advanceMs !== undefined, { message: 'Give at, advanceMs or reset.' });

const json = (body: unknown, status: number) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
const notFound = () => json({ message: 'Not found.' }, 404);

export function GET() {
  if (!testClockEnabled()) return notFound();
  return json(clockState(), 200);
}

export async function POST(request: Request) {
  if (!testClockEnabled()) return notFound();
  let body: z.infer<typeof BodySchema>;
  try {
    const parsed = BodySchema.safeParse(JSON.parse(await request.text()));
    if (!parsed.success) return json({ message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') }, 400);
    body = parsed.data;
  } catch {
    return json({ message: 'Expected JSON such as {"at": "2026-12-04T19:00:00Z", "frozen": true}, {"advanceMs": 60000} or {"reset": true}.' }, 400);
  }
  if (body.reset) resetClock();
  else {
    if (body.at !== undefined) setClock({ at: body.at, frozen: body.frozen });
    else if (body.frozen !== undefined) setClock({ at: clockState().now, frozen: body.frozen });
    if (body.advanceMs !== undefined) advanceClock(body.advanceMs);
  }
  return json(clockState(), 200);
}

// Every other method: the same 404 when disabled, 405 when enabled.
const other = () =>
  testClockEnabled()
    ? Response.json({ message: 'Use GET or POST.' }, { status: 405, headers: { 'cache-control': 'no-store', allow: 'GET, POST' } })
    : notFound();
export { other as PUT, other as PATCH, other as DELETE };
