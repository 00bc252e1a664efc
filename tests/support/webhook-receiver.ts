import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP receiver for outgoing webhooks, Slack and Teams in tests: listens on
// 127.0.0.1 on a free port, records every request as it arrived (raw body included) and
// answers what the test asked for, request by request. Verify signatures with the
// standardwebhooks package's Webhook.verify, as a real receiver would.

export interface ReceivedRequest {
  method: string;
  /** path and query */
  path: string;
  /** lower-case names, as Node gives them */
  headers: http.IncomingHttpHeaders;
  /** the body exactly as received */
  raw: Buffer;
  /** the body as UTF-8 */
  body: string;
  receivedAt: number;
}

export interface ReceiverResponse {
  /** default 200 (302 with redirectTo) */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** wait this long before answering (the request is recorded at once) */
  delayMs?: number;
  /** answer with a redirect to this location */
  redirectTo?: string;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** origin + path, e.g. receiver.url('/hooks/a') */
  url(path?: string): string;
  readonly requests: ReceivedRequest[];
  /** answers for the next requests, in order; when used up, the default answers */
  respondWith(...responses: ReceiverResponse[]): void;
  /** the answer once the queue is empty (initially 200 "ok") */
  setDefault(response: ReceiverResponse): void;
  /** forgets recorded requests and queued answers */
  reset(): void;
  /** the first recorded request matching, polling until timeoutMs (default 5 s), else throws */
  waitFor(predicate?: (r: ReceivedRequest) => boolean, opts?: { timeoutMs?: number; intervalMs?: number }): Promise<ReceivedRequest>;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const queue: ReceiverResponse[] = [];
  let fallback: ReceiverResponse = { status: 200, body: 'ok' };
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body: raw.toString('utf8'), receivedAt: Date.now() });
      const answer = queue.shift() ?? fallback;
      const respond = () => {
        if (res.destroyed) return;
        const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', ...answer.headers };
        if (answer.redirectTo) headers.location = answer.redirectTo;
        res.writeHead(answer.status ?? (answer.redirectTo ? 302 : 200), headers);
        res.end(answer.body ?? '');
      };
      if (answer.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          respond();
        }, answer.delayMs);
        timers.add(t);
      } else respond();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    url: (path = '/') => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    requests,
    respondWith: (...responses) => void queue.push(...responses),
    setDefault: (response) => void (fallback = response),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    async waitFor(predicate = () => true, { timeoutMs = 5_000, intervalMs = 20 } = {}) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const hit = requests.find(predicate);
        if (hit) return hit;
        if (Date.now() >= until) throw new Error(`webhook receiver: no matching request within ${timeoutMs} ms (${requests.length} received)`);
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
