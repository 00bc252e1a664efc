import { exportAuditCsv, exportRoute } from '@/lib/server/exports';

// GET /admin/audit/export.csv?<the audit page's query>: every event the filters match, as CSV.
export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return exportRoute(request, exportAuditCsv);
}
