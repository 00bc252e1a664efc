import { sqlStatementCount } from '@/lib/server/db';
import { diagnosticsEnabled } from '@/lib/server/env';

// The benchmark's window into this process (npm run bench -- --http): how many SQL
// statements it has sent so far, read before and after one request to count that
// request's statements. It exists only in a process started with
// RELM_DIAGNOSTICS=1; anywhere else every method answers 404, so a production
// server shows nothing and does not even show that it could.

export const dynamic = 'force-dynamic';

const json = (body: unknown, status: number) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
const notFound = () => json({ message: 'Not found.' }, 404);

export function GET() {
  if (!diagnosticsEnabled()) return notFound();
  return json({ sqlStatements: sqlStatementCount() }, 200);
}

// Every other method: the same 404 when disabled, 405 when enabled.
const other = () =>
  diagnosticsEnabled() ? Response.json({ message: 'Use GET.' }, { status: 405, headers: { 'cache-control': 'no-store', allow: 'GET' } }) : notFound();
export { other as POST, other as PUT, other as PATCH, other as DELETE };
