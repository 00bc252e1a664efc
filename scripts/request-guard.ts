// Next.js decodes each path segment with decodeURIComponent to match a route, and
// answers a segment it cannot decode (`/releases/%E0%A4%A`) with HTTP 500. A NUL
// (`%00`) in a path segment decodes fine and then reaches the database, which
// refuses it: a 500 again. This guard, run by our own server in front of Next.js,
// answers both with a 400 (the JSON error shape under /api, a small page
// elsewhere) and hands every other request to Next.js untouched. It does no
// authorization. A NUL in a query value is left to the app: pages narrow such a
// filter away (tests/e2e/pages.spec.ts), API routes answer 400 (lib/server/api.ts).
import crypto from 'node:crypto';
import type http from 'node:http';
import { currentRequestContext } from '../lib/server/log';

type Next = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const BROKEN = 'The address is not valid: part of it is not correctly percent-encoded UTF-8.';
const NUL = 'The address is not valid: it holds a NUL character (%00).';

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * Why the request target (`/path?query`, as sent) cannot be read, or null when it
 * can: every path segment and every query name and value must be percent-encoded
 * UTF-8 (which also rules out encoded lone surrogates), and no path segment may
 * hold a NUL.
 */
export function unreadableTarget(target: string): string | null {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  for (const segment of path.split('/')) {
    const text = decoded(segment);
    if (text === null) return BROKEN;
    if (text.includes('\u0000')) return NUL;
  }
  if (query) {
    // a + in a query is a space (application/x-www-form-urlencoded)
    for (const pair of query.split('&')) if (decoded(pair.replace(/\+/g, ' ')) === null) return BROKEN;
  }
  return null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function refuse(req: http.IncomingMessage, res: http.ServerResponse, message: string) {
  if (res.headersSent) return;
  // the id our server gave the request (lib/server/log.ts), so the page and the log line agree
  const requestId = currentRequestContext()?.requestId ?? crypto.randomBytes(8).toString('hex');
  const base = {
    'cache-control': 'no-store',
    'x-request-id': requestId,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': "frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
  };
  const path = req.url ?? '/';
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/api?')) {
    res.writeHead(400, { ...base, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'invalid', message: `${message} Check the link.`, requestId } }));
    return;
  }
  res.writeHead(400, { ...base, 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>Bad address — Relm</title></head><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">` +
      `<main><h1>This address cannot be opened</h1><p>${escapeHtml(message)} It may have been cut short or changed when it was copied.</p>` +
      `<p><a href="/">Go to the dashboard</a></p><p><small>Request id ${requestId}</small></p></main></body></html>`,
  );
}

/** Wraps the server's request handler: a 400 for an unreadable address, Next.js for the rest. */
export function guardRequestTargets(next: Next): Next {
  return (req, res) => {
    const problem = unreadableTarget(req.url ?? '/');
    if (problem) return refuse(req, res, problem);
    next(req, res);
  };
}
