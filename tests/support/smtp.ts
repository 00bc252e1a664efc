import net from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

// A real SMTP server in the test process (smtp-server), on 127.0.0.1 and a free port. It
// accepts any login, keeps every message it receives (parsed with mailparser) and can be
// told to refuse the next recipient or message with a given reply code.
//
//   const smtp = new SmtpTestServer();
//   await smtp.start();            // then point RELM_SMTP_URL at smtp.url
//   const mail = await smtp.waitFor((m) => m.to.includes('ana@example.com'));
//   smtp.rejectNext(550);          // the next RCPT TO is answered "550 …"
//   smtp.stallNext();              // the next RCPT TO is never answered
//   smtp.refuseNextLogin();        // the next AUTH is answered 535
//   await smtp.stop();

export interface ReceivedMail {
  /** what the client said in MAIL FROM and RCPT TO */
  envelope: { from: string; to: string[] };
  /** the user name the client logged in with, if it did */
  login?: string;
  subject: string;
  /** the From and To headers as text, e.g. 'Relm <relm@example.com>' */
  from: string;
  to: string;
  /** the Message-ID header, angle brackets included */
  messageId: string;
  /** every header by lower-case name, as sent (unfolded, not decoded); the first one of a name */
  headers: Record<string, string>;
  text: string;
  html: string;
  /** the message as it came over the wire */
  raw: string;
}

export interface Rejection {
  /** answer RCPT TO (the default) or the end of DATA */
  at: 'rcpt' | 'data';
  code: number;
  message: string;
}

const REPLY_TEXT: Record<number, string> = {
  421: 'Service not available, closing transmission channel',
  450: 'Requested mail action not taken: mailbox busy',
  451: 'Requested action aborted: local error in processing',
  452: 'Requested action not taken: insufficient system storage',
  550: 'Requested action not taken: mailbox unavailable',
  552: 'Requested mail action aborted: exceeded storage allocation',
  553: 'Requested action not taken: mailbox name not allowed',
  554: 'Transaction failed',
};

export class SmtpTestServer {
  /** everything received since start() (or clear()), oldest first */
  readonly messages: ReceivedMail[] = [];
  /** user name and password of url; the server accepts any */
  readonly user = 'relm-test-user';
  readonly password = 'relm-test-Pa55word';
  private server: SMTPServer | undefined;
  private portNumber = 0;
  private rejections: Rejection[] = [];
  private count = 0;
  private stalls = 0;
  private refuseLogins = 0;

  /** smtp://user:pass@127.0.0.1:port, for RELM_SMTP_URL */
  get url(): string {
    return `smtp://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}`;
  }

  get port(): number {
    if (!this.server) throw new Error('SmtpTestServer: call start() first');
    return this.portNumber;
  }

  /** Listens on `port` (0: a free one). */
  async start(port = 0): Promise<this> {
    if (this.server) return this;
    const server = new SMTPServer({
      name: 'smtp.relm.test',
      // plain text only: no STARTTLS with smtp-server's built-in (publicly known) certificate
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      disableReverseLookup: true,
      logger: false,
      // stop() should not wait 30 s for a client's pooled connection to leave
      closeTimeout: 100,
      onAuth: (auth, _session, callback) => {
        if (this.refuseLogins > 0) {
          this.refuseLogins--;
          return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
        }
        callback(null, { user: auth.username });
      },
      onRcptTo: (_address, _session, callback) => {
        if (this.stalls > 0) {
          this.stalls--;
          // never answered: the client's own deadline has to end the wait
          return;
        }
        const rejection = this.takeRejection('rcpt');
        callback(rejection ? smtpError(rejection) : undefined);
      },
      onData: (stream, session, callback) => {
        void this.receive(stream, session, callback);
      },
    });
    server.on('error', () => {
      // a client that hangs up mid-session is not the test's concern
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.portNumber = (server.server.address() as net.AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Answers the next RCPT TO (or, with at: 'data', the next message) with this reply code. */
  rejectNext(code: number, options: { at?: 'rcpt' | 'data'; message?: string } = {}): void {
    this.rejections.push({ at: options.at ?? 'rcpt', code, message: options.message ?? REPLY_TEXT[code] ?? 'Rejected by the test server' });
  }

  /** Refuses the next login with 535 (the server accepts any login otherwise). */
  refuseNextLogin(): void {
    this.refuseLogins++;
  }

  /** Leaves the next RCPT TO unanswered (the connection stays open and silent). */
  stallNext(): void {
    this.stalls++;
  }

  /**
   * The first message (received so far or within timeoutMs) that matches: polls the list,
   * so a test waits only as long as delivery takes.
   */
  async waitFor(predicate: (mail: ReceivedMail) => boolean = () => true, options: { timeoutMs?: number } = {}): Promise<ReceivedMail> {
    const deadline = Date.now() + (options.timeoutMs ?? 5_000);
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() >= deadline) {
        const seen = this.messages.map((m) => `"${m.subject}" to ${m.envelope.to.join(', ')}`).join('; ') || 'nothing';
        throw new Error(`SmtpTestServer: no matching message within ${options.timeoutMs ?? 5_000} ms (received: ${seen})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Forgets received messages and pending rejections. */
  clear(): void {
    this.messages.length = 0;
    this.rejections = [];
    this.stalls = 0;
    this.refuseLogins = 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private takeRejection(at: Rejection['at']): Rejection | undefined {
    const i = this.rejections.findIndex((r) => r.at === at);
    return i < 0 ? undefined : this.rejections.splice(i, 1)[0];
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void): Promise<void> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const rejection = this.takeRejection('data');
      if (rejection) return callback(smtpError(rejection));
      const raw = Buffer.concat(chunks).toString('utf8');
      const parsed = await simpleParser(raw);
      this.messages.push({
        envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
        login: typeof session.user === 'string' ? session.user : undefined,
        subject: parsed.subject ?? '',
        from: addressText(parsed.from),
        to: addressText(parsed.to),
        messageId: parsed.messageId ?? '',
        headers: rawHeaders(raw),
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
        raw,
      });
      callback(null, `OK: queued as test-${++this.count}`);
    } catch (err) {
      callback(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

/**
 * A TCP server that accepts connections and never says anything: an SMTP client waiting for
 * the greeting must give up on its own.
 */
export async function startSilentServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://silent-user:silent-Pa55word@127.0.0.1:${port}`,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (taken and released at once). */
export async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function smtpError(r: Rejection): Error {
  return Object.assign(new Error(r.message), { responseCode: r.code });
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

function rawHeaders(raw: string): Record<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= line.slice(colon + 1).trim();
  }
  return headers;
}
