import 'server-only';
import crypto from 'node:crypto';
import { createTransport } from 'nodemailer';
import { renderEmail as renderEmailContent, safeLinkUrl, type RenderedEmail } from '@/lib/domain/email-render';
import { env } from '@/lib/server/env';
import { sayer, type SayValue } from '@/lib/server/say';
import type { DeliveryResult, OutboundMessage } from '@/lib/server/channels/types';

// The e-mail channel: SMTP through nodemailer, configured by RELM_SMTP_URL and RELM_MAIL_FROM
// (docs/decisions/027-email.md). The delivery worker calls sendEmail once per outbox
// delivery; it never throws, and tells a temporary failure (retry later) from a permanent one.

const say = sayer('server-channels');

export const EMAIL_OFF_DETAIL = say('email.off');

/** How long one send may take. A silent or dead server costs the worker seconds, not minutes. */
export interface EmailTimeouts {
  /** opening the TCP (or TLS) connection */
  connectMs: number;
  /** the server's 220 greeting after connecting */
  greetingMs: number;
  /** any silence on an open connection */
  socketMs: number;
  /** the whole send, queueing in the pool included */
  sendMs: number;
}

export const EMAIL_TIMEOUTS: Readonly<EmailTimeouts> = { connectMs: 5_000, greetingMs: 5_000, socketMs: 15_000, sendMs: 20_000 };

export interface EmailStatus {
  enabled: boolean;
  /** the From address every e-mail carries */
  from: string;
  /** where e-mail goes, e.g. "smtp://mail.example.com:587", without credentials; null when off */
  host: string | null;
  /** the base of every link in an e-mail; null when RELM_PUBLIC_URL is not set */
  publicUrl: string | null;
}

export function emailEnabled(): boolean {
  return Boolean(env().RELM_SMTP_URL);
}

/** For the admin page: whether e-mail is on and where it goes, never the credentials. */
export function emailStatus(): EmailStatus {
  const e = env();
  return {
    enabled: Boolean(e.RELM_SMTP_URL),
    from: e.RELM_MAIL_FROM,
    host: e.RELM_SMTP_URL ? describeServer(e.RELM_SMTP_URL) : null,
    publicUrl: e.RELM_PUBLIC_URL ?? null,
  };
}

/** The subject, plain text and HTML of a message to one person (lib/domain/email-render.ts). */
export function renderEmail(msg: OutboundMessage, to: { name: string }): RenderedEmail {
  return renderEmailContent(msg, to);
}

/**
 * Sends one message to one person. `opts.messageId` identifies the delivery (e.g. the outbox
 * delivery's id): every attempt of the same delivery carries the same Message-ID header, so a
 * receiver that already has the message can drop a resend. Never throws.
 */
export async function sendEmail(to: { email: string; name: string }, msg: OutboundMessage, opts: { messageId: string }): Promise<DeliveryResult> {
  let config: { url: string | undefined; from: string };
  try {
    config = { url: env().RELM_SMTP_URL, from: env().RELM_MAIL_FROM };
  } catch (err) {
    // names the bad variables, never their values (lib/server/env.ts)
    return { ok: false, permanent: false, detail: err instanceof Error ? err.message : 'invalid configuration' };
  }
  const { url, from } = config;
  if (!url) return { ok: false, permanent: true, detail: EMAIL_OFF_DETAIL };
  const server = describeServer(url);
  try {
    const rendered = renderEmail(msg, to);
    const headers: Record<string, string> = {
      // RFC 3834: no out-of-office or other automatic replies to this
      'Auto-Submitted': 'auto-generated',
      // the same for Exchange/Outlook, which does not read Auto-Submitted
      'X-Auto-Response-Suppress': 'All',
    };
    const unsubscribe = oneClickUrl(safeLinkUrl(msg.unsubscribeUrl));
    if (unsubscribe && !/[<>,]/.test(unsubscribe)) {
      // RFC 2369 and RFC 8058: clients show an "Unsubscribe" button that POSTs to the URL
      headers['List-Unsubscribe'] = `<${unsubscribe}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const info = await transport(url).sendMail({
      from,
      to: { name: to.name, address: to.email },
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: messageIdFor(opts.messageId, from),
      headers,
      signal: AbortSignal.timeout(timeouts.sendMs),
    });
    if (info.rejected.length > 0) {
      return { ok: false, permanent: true, detail: scrub(say('email.refusedRecipient', { server: { said: server }, response: info.response }), url) };
    }
    return { ok: true, detail: scrub(say('email.accepted', { server: { said: server }, response: info.response }), url), code: replyCode(info.response) };
  } catch (err) {
    return failure(err, server, url);
  }
}

/**
 * The URL a mail client POSTs to for a one-click unsubscribe (RFC 8058): the footer's link opens
 * the page that asks first (/unsubscribe?t=…); the header names the route that acts at once
 * (/api/unsubscribe?t=…, app/api/unsubscribe/route.ts) with the same token. Other URLs stay as they are.
 */
export function oneClickUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (!u.pathname.endsWith('/unsubscribe') || u.pathname.endsWith('/api/unsubscribe')) return url;
    u.pathname = `${u.pathname.slice(0, -'/unsubscribe'.length)}/api/unsubscribe`;
    return u.toString();
  } catch {
    return undefined;
  }
}

/** Connects and logs in without sending anything (the admin page's "test the connection"). */
export async function verifyEmailConnection(): Promise<DeliveryResult> {
  const url = env().RELM_SMTP_URL;
  if (!url) return { ok: false, permanent: true, detail: EMAIL_OFF_DETAIL };
  const server = describeServer(url);
  try {
    await withDeadline(transport(url).verify(), timeouts.sendMs);
    return { ok: true, detail: say('email.connected', { server: { said: server } }) };
  } catch (err) {
    return failure(err, server, url);
  }
}

/**
 * The Message-ID for a delivery: the same id gives the same header, on every attempt and in
 * every process. Ids made of safe characters are kept readable; others are hashed.
 */
export function messageIdFor(deliveryId: string, from: string = env().RELM_MAIL_FROM): string {
  const id = deliveryId.trim();
  if (/^<[^<>\s@]+@[^<>\s@]+>$/.test(id)) return id;
  const local =
    /^[A-Za-z0-9](?:[A-Za-z0-9_+=-]|\.(?!\.)){0,127}$/.test(id) && !id.endsWith('.') ? id : crypto.createHash('sha256').update(id).digest('hex').slice(0, 40);
  return `<relm.${local}@${senderDomain(from)}>`;
}

// One pooled transport per process: connections are reused across sends (a burst of
// notifications opens at most two), and rebuilt when RELM_SMTP_URL changes.
let cached: { url: string; transport: ReturnType<typeof buildTransport> } | undefined;
let timeouts: EmailTimeouts = { ...EMAIL_TIMEOUTS };

function buildTransport(url: string) {
  return createTransport({
    url,
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    // a server drops idle connections after a minute or so anyway
    idleTimeout: 30_000,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    dnsTimeout: timeouts.connectMs,
    logger: false,
  });
}

function transport(url: string) {
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = { url, transport: buildTransport(url) };
  }
  return cached.transport;
}

/**
 * Closes the cached transport (its pooled connections), so the next send builds a new one
 * from the current environment. Tests may pass shorter timeouts, to show that a silent
 * server is given up on without waiting the real ones; without them the defaults return.
 */
export function resetEmailTransport(options: { timeouts?: Partial<EmailTimeouts> } = {}): void {
  cached?.transport.close();
  cached = undefined;
  timeouts = { ...EMAIL_TIMEOUTS, ...options.timeouts };
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
  timeoutType?: string;
}

function failure(err: unknown, server: string, url: string): DeliveryResult {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SmtpError;
  const code = e.responseCode;
  const reply = (e.response ?? e.message ?? '').replace(/\s+/g, ' ').trim();
  const host: SayValue = { said: server };
  let result: DeliveryResult;
  if (e.code === 'EABORT' || e.code === 'EDEADLINE') {
    // The server may have accepted it just before we gave up: the retry carries the same
    // Message-ID, so the receiver can tell it is the same message.
    result = { ok: false, permanent: false, detail: say('email.noAnswer', { server: host, within: seconds(timeouts.sendMs) }) };
  } else if (e.code === 'EAUTH' || e.code === 'ENOAUTH') {
    // our configuration, not this message: retry once an admin has fixed it
    result = {
      ok: false,
      permanent: false,
      detail: reply ? say('email.credentialsReply', { server: host, reply }) : say('email.credentials', { server: host }),
      code,
    };
  } else if (code !== undefined) {
    const permanent = isPermanentReply(code);
    // "RCPT TO:<ana@example.com>" → "RCPT TO"
    const command = e.command ? ` ${e.command.split(':')[0]!.trim().toUpperCase()}` : '';
    result = { ok: false, permanent, detail: say(permanent ? 'email.answered' : 'email.answeredRetry', { server: host, command, reply: reply || code }), code };
  } else if (e.code === 'EENVELOPE') {
    // refused before anything was sent: no usable recipient address
    result = { ok: false, permanent: true, detail: say('email.notSent', { reason: e.message ?? { key: 'email.noValidRecipient' } }) };
  } else if (e.code === 'ETIMEDOUT') {
    const what = TIMEOUT_WHAT[e.timeoutType ?? ''] ?? 'answer';
    result = { ok: false, permanent: false, detail: say('email.timedOut', { what: { key: `email.waitingFor.${what}` }, server: host }) };
  } else {
    const cause = (e as { originalCode?: string }).originalCode ?? e.code;
    const message: SayValue = e.message ?? { key: 'email.unknownError' };
    result = {
      ok: false,
      permanent: false,
      detail:
        cause && !e.message?.includes(cause)
          ? say('email.couldNotReachCause', { server: host, message, cause })
          : say('email.couldNotReach', { server: host, message }),
    };
  }
  return { ...result, detail: scrub(result.detail, url) };
}

/** what the server was waited for: server-channels email.waitingFor.* */
const TIMEOUT_WHAT: Record<string, string> = {
  CONNECT_TIMEOUT: 'connection',
  GREETING_TIMEOUT: 'greeting',
  UPGRADE_TIMEOUT: 'upgrade',
  SOCKET_TIMEOUT: 'answer',
};

/**
 * RFC 5321: 5yz is a permanent negative reply (the same message would be refused again),
 * 4yz a transient one. 503 (bad sequence of commands) is about the session, not the message.
 */
export function isPermanentReply(code: number): boolean {
  return code >= 500 && code < 600 && code !== 503;
}

function replyCode(response: string | undefined): number | undefined {
  const m = /^(\d{3})\b/.exec(response ?? '');
  return m ? Number(m[1]) : undefined;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** "smtp://host:port" from an SMTP URL, without user name or password. */
function describeServer(url: string): string {
  try {
    const u = new URL(url);
    const secure = u.protocol === 'smtps:';
    return `${secure ? 'smtps' : 'smtp'}://${u.hostname}:${u.port || (secure ? 465 : 587)}`;
  } catch {
    return say('email.theServer');
  }
}

/** Removes the credentials of RELM_SMTP_URL from a text, should a library or server echo them. */
function scrub(text: string, url: string): string {
  let out = text.replace(/(smtps?:\/\/)[^@\s/]*@/gi, '$1');
  try {
    const u = new URL(url);
    for (const raw of [u.password, u.username]) {
      for (const secret of new Set([raw, safeDecode(raw)])) {
        if (secret.length >= 4) out = out.split(secret).join('***');
      }
    }
  } catch {
    // an unparseable URL never reached a server
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function senderDomain(from: string): string {
  const address = /<([^<>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.slice(address.lastIndexOf('@') + 1).trim();
  return /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(domain) ? domain.toLowerCase() : 'relm.invalid';
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('deadline'), { code: 'EDEADLINE' })), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
