import { metricsAuthorized, metricsText } from '@/lib/server/prometheus';

export const dynamic = 'force-dynamic';

const plain = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });

// GET /metrics: Prometheus text for the operator's scraper (issue 17 point 3). Off (404) until
// RELM_METRICS_TOKEN is set; then only "Authorization: Bearer <token>" is answered.
export async function GET(req: Request) {
  const auth = metricsAuthorized(req.headers.get('authorization'));
  if (auth === 'off') return plain('Metrics are off: set RELM_METRICS_TOKEN and scrape with "Authorization: Bearer <token>".\n', 404);
  if (auth === 'refused') return plain('Send "Authorization: Bearer <RELM_METRICS_TOKEN>".\n', 401, { 'www-authenticate': 'Bearer realm="relm-metrics"' });
  const { contentType, body } = await metricsText();
  return new Response(body, { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}

const notAllowed = () => plain('Only GET.\n', 405, { allow: 'GET' });
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
