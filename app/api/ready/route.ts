import { methodNotAllowed } from '@/lib/server/api';
import { readiness } from '@/lib/server/health';

export const dynamic = 'force-dynamic';

// Readiness for a load balancer or an orchestrator: 200 once the database answers and every
// migration this version ships is applied, 503 otherwise (with what is missing). Liveness is
// /api/health, which does not look at migrations.
export async function GET() {
  const r = await readiness();
  return Response.json(
    { status: r.ready ? 'ready' : 'not_ready', database: r.database, migrations: { applied: r.applied, pending: r.pending } },
    { status: r.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}

// other methods: a JSON 405 with Allow, as on every route
const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
