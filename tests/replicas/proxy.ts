import http from 'node:http';
import type net from 'node:net';

// A small reverse proxy for the replica test (tests/replicas/replicas.test.ts): it hands each
// request to the next replica in turn (round robin), as a load balancer without sticky sessions
// would, and sets the headers Relm trusts behind RELM_TRUST_PROXY:
// - X-Forwarded-For is *replaced* by the address of the client's socket (never appended to:
//   Relm takes the first entry as the client, so a proxy that appends would let a client choose
//   the address the sign-in limits count);
// - X-Forwarded-Host and X-Forwarded-Proto say how the browser reached Relm.
// Each answer says which replica gave it (X-Relm-Replica), so the test can show the requests
// were spread. No sticky sessions: whatever one replica starts, the next request may meet on
// the other.

export interface Upstream {
  name: string;
  port: number;
}

export interface Proxy {
  url: string;
  port: number;
  /** requests handed to each upstream so far, by name */
  served: Record<string, number>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

export async function startProxy(upstreams: Upstream[], port = 0): Promise<Proxy> {
  if (!upstreams.length) throw new Error('startProxy: no upstreams');
  let next = 0;
  const served: Record<string, number> = Object.fromEntries(upstreams.map((u) => [u.name, 0]));
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const upstream = upstreams[next++ % upstreams.length]!;
    served[upstream.name] = (served[upstream.name] ?? 0) + 1;
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    headers['x-forwarded-host'] = req.headers.host ?? `127.0.0.1:${port}`;
    headers['x-forwarded-proto'] = 'http';
    delete headers['x-real-ip'];
    const out = http.request({ host: '127.0.0.1', port: upstream.port, method: req.method, path: req.url, headers }, (up) => {
      const back: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) back[k] = v;
      back['x-relm-replica'] = upstream.name;
      res.writeHead(up.statusCode ?? 502, up.statusMessage, back);
      up.pipe(res);
    });
    out.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', 'x-relm-replica': upstream.name });
      res.end(`proxy: ${upstream.name} did not answer: ${err.message}`);
    });
    req.pipe(out);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    served,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
