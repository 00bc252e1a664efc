// Cold and warm server-side times of the calendar month view's data and of the
// iCalendar feed, with the in-process caches emptied before each cold call
// (docs/decisions/022). DATABASE_URL names the database; reads only.
import { getCalendar, viewCache } from '@/lib/server/calendar';
import { feedCache } from '@/lib/server/calendar-cache';
import { GET as feed } from '@/app/api/v1/calendar.ics/route';
import { generateToken, hashToken } from '@/lib/server/api-tokens';
import { db, sqlStatementCount } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time<T>(fn: () => Promise<T>): Promise<[number, number, T]> {
  const s = sqlStatementCount();
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, sqlStatementCount() - s, r];
}

async function main() {
  const prisma = await db();
  const user = await prisma.user.findFirstOrThrow({ where: { email: 'viewer@relm.test' } });
  const actor: Actor = { type: 'user', id: user.id, label: user.email, email: user.email, name: user.name, roles: ['viewer'], teamId: null };
  const { token, prefix } = generateToken();
  const t = await prisma.apiToken.create({
    data: { userId: user.id, name: `cold-${Date.now()}`, prefix, tokenHash: hashToken(token), scopes: ['release.read'] },
  });
  const req = () =>
    feed(new Request('http://localhost/api/v1/calendar.ics', { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } }), {
      params: Promise.resolve({}) as Promise<Record<string, never>>,
    });
  const out: Record<string, { ms: number[]; sql: number }> = {};
  const add = (k: string, ms: number, sql: number) => (out[k] ??= { ms: [], sql }).ms.push(ms);
  try {
    for (let i = 0; i < ROUNDS; i++) {
      viewCache.clear();
      const [c, cs] = await time(() => getCalendar(actor, {}));
      add('month cold', c, cs);
      const [w, ws] = await time(() => getCalendar(actor, {}));
      add('month warm', w, ws);
      feedCache.clear();
      const [fc, fcs, r1] = await time(async () => {
        const r = await req();
        await r.arrayBuffer();
        return r;
      });
      add('feed cold', fc, fcs);
      const [fw, fws] = await time(async () => (await req()).arrayBuffer());
      add('feed warm', fw, fws);
      if (i === 0)
        console.log(
          'feed',
          r1.status,
          r1.headers.get('x-relm-truncated') ?? '',
          [...feedCache.values()].map((f) => `${f.body.length} chars, gzip ${f.gzip.length} bytes`).join(),
        );
    }
    for (const [k, v] of Object.entries(out))
      console.log(`${k.padEnd(12)} median ${median(v.ms).toFixed(1)} ms  min ${Math.min(...v.ms).toFixed(1)} ms  ${v.sql} SQL`);
  } finally {
    await prisma.apiToken.delete({ where: { id: t.id } });
    await prisma.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
