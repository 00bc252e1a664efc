import { databaseHealth } from '@/lib/server/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const ok = await databaseHealth();
  return Response.json(ok ? { status: 'ok', database: 'ok' } : { status: 'unavailable', database: 'unreachable' }, {
    status: ok ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
