import { methodNotAllowed } from '@/lib/server/api';
import { databaseHealth } from '@/lib/server/health';
import { ensureServerJobs } from '@/lib/server/jobs/runtime';

export const dynamic = 'force-dynamic';

export async function GET() {
  const ok = await databaseHealth();
  // the server's first health check (scripts/start.ts makes it on listening) starts the jobs
  if (ok) void ensureServerJobs();
  return Response.json(ok ? { status: 'ok', database: 'ok' } : { status: 'unavailable', database: 'unreachable' }, {
    status: ok ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}

// other methods: a JSON 405 with Allow, as on every route
const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
