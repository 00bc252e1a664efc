import { exportReleasesCsv, exportRoute } from '@/lib/server/exports';

// GET /releases/export.csv?<the list page's query>: every release the filters match, as CSV.
export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return exportRoute(request, exportReleasesCsv);
}
