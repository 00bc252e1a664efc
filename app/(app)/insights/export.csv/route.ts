import { exportRoute } from '@/lib/server/exports';
import { exportInsightsCsv } from '@/lib/server/insights';

// GET /insights/export.csv?<the page's query>: the delivery metrics shown, as CSV.
export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return exportRoute(request, exportInsightsCsv);
}
