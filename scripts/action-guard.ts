// Server actions are POSTs with a `Next-Action` header. Next.js answers a body
// over serverActions.bodySizeLimit, or one it cannot decode, with HTTP 500. This
// guard, run by our own server in front of Next.js, answers those with a 4xx and a
// clear message instead, and hands every other request to Next.js untouched.
import http from 'node:http';

/** Keep in step with serverActions.bodySizeLimit in next.config.js. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

type Next = (req: http.IncomingMessage, res: http.ServerResponse) => void;

function refuse(res: http.ServerResponse, status: 400 | 413 | 415, message: string) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify({ error: { code: status === 413 ? 'too_large' : 'invalid', message } }));
}

const TOO_LARGE = `The form is larger than ${ACTION_BODY_LIMIT / 1024 / 1024} MB, the most Relm accepts. Shorten the text or attach a link instead.`;

/** A request whose body is the bytes already read, for Next.js to read again. */
function replay(req: http.IncomingMessage, body: Buffer): http.IncomingMessage {
  const copy = new http.IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = { ...req.headers, 'content-length': String(body.length) };
  delete copy.headers['transfer-encoding'];
  copy.rawHeaders = Object.entries(copy.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.flatMap((x) => [k, x]) : v === undefined ? [] : [k, v]));
  // without this, IncomingMessage treats the end of the copy as an aborted
  // upload and destroys the shared socket
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

function hasValidShape(contentType: string, body: Buffer): string | null {
  // the media type is case-insensitive; the boundary is not
  const type = contentType.toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
    if (!boundary) return 'The form could not be read: its multipart boundary is missing.';
    const b = boundary[1] ?? boundary[2]!;
    const text = body.toString('latin1');
    if (!text.startsWith(`--${b}`) || !/\r?\n?$/.test(text) || !text.trimEnd().endsWith(`--${b}--`)) {
      return 'The form could not be read: it is cut short or its parts do not match the declared boundary.';
    }
    return null;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return null;
  // everything else Next.js decodes as the JSON text of the action's arguments
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return Array.isArray(value) ? null : 'The request could not be read: the action arguments must be a JSON array.';
  } catch {
    return 'The request could not be read: its body is not valid JSON.';
  }
}

export function guardServerActions(next: Next): Next {
  return (req, res) => {
    if (req.method !== 'POST' || req.headers['next-action'] === undefined) return next(req, res);
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > ACTION_BODY_LIMIT) {
      req.resume();
      return refuse(res, 413, TOO_LARGE);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > ACTION_BODY_LIMIT) {
        done = true;
        refuse(res, 413, TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      done = true;
      refuse(res, 400, 'The request body could not be read.');
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const body = Buffer.concat(chunks);
      const problem = hasValidShape(String(req.headers['content-type'] ?? ''), body);
      if (problem) return refuse(res, 400, problem);
      // Past this point a 500 from Next.js means it could not decode what the
      // client sent (our mutations turn their own failures into results): a 400.
      const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => http.ServerResponse;
      res.writeHead = ((status: number, ...rest: unknown[]) => {
        if (status === 500) {
          console.warn(`[relm] server action ${String(req.headers['next-action']).slice(0, 12)}… could not decode its request: answered 400`);
          return writeHead(400, ...rest);
        }
        return writeHead(status, ...rest);
      }) as typeof res.writeHead;
      next(replay(req, body), res);
    });
  };
}
