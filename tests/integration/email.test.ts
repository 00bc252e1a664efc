import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_OFF_DETAIL, emailEnabled, emailStatus, resetEmailTransport, sendEmail, verifyEmailConnection } from '@/lib/server/channels/email';
import type { OutboundMessage } from '@/lib/server/channels/types';
import { testEnv } from '@/tests/support/env';
import { SmtpTestServer, startSilentServer, unusedPort } from '@/tests/support/smtp';

// The e-mail channel against a real SMTP server in this process (tests/support/smtp.ts).
// No database: this file opens sockets, which is why it is an integration test.

const env = testEnv(['RELM_SMTP_URL', 'RELM_MAIL_FROM', 'RELM_PUBLIC_URL'] as const);
const setEnv = env.set;

const smtp = new SmtpTestServer();

const ana = { email: 'ana@example.com', name: 'Ana Approver' };

function message(over: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    event: 'approval.requested',
    releaseKey: 'REL-12',
    subject: 'REL-12 waits for your approval: Billing 4.13',
    summary: 'Olga Owner asks you to approve REL-12.',
    lines: ['Olga Owner asked the CAB to approve this release.'],
    facts: [{ label: 'Window', value: 'Fri 11 Dec 2026, 18:00–20:00' }],
    action: { label: 'Open the approval card', url: 'https://relm.example.com/releases/REL-12/approvals' },
    settingsUrl: 'https://relm.example.com/profile/notifications',
    unsubscribeUrl: 'https://relm.example.com/unsubscribe?token=t0k3n',
    ...over,
  };
}

beforeAll(async () => {
  await smtp.start();
  setEnv({ RELM_SMTP_URL: smtp.url, RELM_MAIL_FROM: 'Relm <relm@relm.example.com>', RELM_PUBLIC_URL: 'https://relm.example.com' });
});

afterEach(() => {
  smtp.clear();
});

afterAll(async () => {
  resetEmailTransport();
  await smtp.stop();
  // files share a worker: leave the environment as this file found it
  env.restore();
});

describe('e-mail on', () => {
  it('reports where e-mail goes, without the credentials', () => {
    expect(emailEnabled()).toBe(true);
    const status = emailStatus();
    expect(status).toEqual({
      enabled: true,
      from: 'Relm <relm@relm.example.com>',
      host: `smtp://127.0.0.1:${smtp.port}`,
      publicUrl: 'https://relm.example.com',
    });
    expect(JSON.stringify(status)).not.toContain(smtp.password);
    expect(JSON.stringify(status)).not.toContain(smtp.user);
  });

  it('logs in and answers a connection check', async () => {
    await expect(verifyEmailConnection()).resolves.toEqual({ ok: true, detail: `connected to smtp://127.0.0.1:${smtp.port} and logged in` });
  });

  it('delivers the message with a text and an HTML part and the headers receivers act on', async () => {
    const result = await sendEmail(ana, message(), { messageId: 'delivery-1' });
    expect(result).toMatchObject({ ok: true, code: 250 });
    expect(result.detail).toMatch(new RegExp(`^accepted by smtp://127\\.0\\.0\\.1:${smtp.port}: 250 `));
    expect(result.detail).not.toContain(smtp.password);

    const mail = await smtp.waitFor((m) => m.envelope.to.includes('ana@example.com'));
    expect(mail.login).toBe(smtp.user);
    expect(mail.envelope).toEqual({ from: 'relm@relm.example.com', to: ['ana@example.com'] });
    expect(mail.from).toMatch(/^"?Relm"? <relm@relm\.example\.com>$/);
    expect(mail.to).toMatch(/^"?Ana Approver"? <ana@example\.com>$/);
    expect(mail.subject).toBe('REL-12 waits for your approval: Billing 4.13');
    expect(mail.messageId).toBe('<relm.delivery-1@relm.example.com>');
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    // the footer's link opens the page that asks first; the header names the one-click POST route
    expect(mail.headers['list-unsubscribe']).toBe('<https://relm.example.com/api/unsubscribe?token=t0k3n>');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(mail.text).toContain('Hello Ana Approver,');
    expect(mail.text).toContain('Open the approval card: https://relm.example.com/releases/REL-12/approvals');
    expect(mail.text).toContain('notification settings: https://relm.example.com/profile/notifications');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toMatch(/<a href="https:\/\/relm\.example\.com\/releases\/REL-12\/approvals" [^>]*>Open the approval card<\/a>/);
    expect(mail.html).toMatch(/<th scope="row" [^>]*>Window<\/th>/);
  });

  it('gives every attempt of one delivery the same Message-ID, and another delivery another', async () => {
    const first = await sendEmail(ana, message(), { messageId: 'outbox-7:user-3' });
    const again = await sendEmail(ana, message(), { messageId: 'outbox-7:user-3' });
    const other = await sendEmail(ana, message(), { messageId: 'outbox-8:user-3' });
    expect([first.ok, again.ok, other.ok]).toEqual([true, true, true]);
    expect(smtp.messages).toHaveLength(3);
    const [a, b, c] = smtp.messages.map((m) => m.messageId);
    expect(a).toMatch(/^<relm\.[0-9a-f]{40}@relm\.example\.com>$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    // the same bytes too: the receiver sees the same message
    expect(smtp.messages[1]!.html).toBe(smtp.messages[0]!.html);
    expect(smtp.messages[1]!.text).toBe(smtp.messages[0]!.text);
  });

  it('sends no List-Unsubscribe without an unsubscribe link (security mail)', async () => {
    await sendEmail(ana, message({ unsubscribeUrl: undefined, event: 'security.sign-in' }), { messageId: 'delivery-2' });
    const mail = await smtp.waitFor();
    expect(mail.headers['list-unsubscribe']).toBeUndefined();
    expect(mail.headers['list-unsubscribe-post']).toBeUndefined();
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    expect(mail.text).not.toContain('Unsubscribe');
  });

  it('keeps a hostile title inert: one recipient, one subject line, escaped HTML', async () => {
    const hostile = message({ subject: 'REL-12 <script>alert(1)</script>\r\nBcc: eve@example.com', lines: ['"><img src=x onerror=alert(1)>'] });
    const result = await sendEmail({ email: 'ana@example.com', name: 'Ana "Admin" <eve@example.com>, Eve' }, hostile, { messageId: 'delivery-3' });
    expect(result.ok).toBe(true);
    const mail = await smtp.waitFor();
    expect(mail.envelope.to).toEqual(['ana@example.com']);
    expect(mail.headers.bcc).toBeUndefined();
    expect(mail.subject).toBe('REL-12 <script>alert(1)</script> Bcc: eve@example.com');
    expect(mail.html).not.toMatch(/<script|<img/);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('refusals', () => {
  it('an address that is no address is permanent, and nothing is sent', async () => {
    // refused before connecting
    const empty = await sendEmail({ email: '', name: 'Nobody' }, message(), { messageId: 'delivery-no-address' });
    expect(empty).toEqual({ ok: false, permanent: true, detail: 'not sent: No recipients defined' });
    // refused by the server (501, syntax)
    const garbled = await sendEmail({ email: 'not an address', name: 'Nobody' }, message(), { messageId: 'delivery-bad-address' });
    expect(garbled).toMatchObject({ ok: false, permanent: true, code: 501 });
    expect(smtp.messages).toHaveLength(0);
  });

  it('550 for the recipient is permanent', async () => {
    smtp.rejectNext(550);
    const result = await sendEmail(ana, message(), { messageId: 'delivery-550' });
    expect(result).toMatchObject({ ok: false, permanent: true, code: 550 });
    expect(result.detail).toBe(`smtp://127.0.0.1:${smtp.port} answered RCPT TO: 550 Requested action not taken: mailbox unavailable`);
    expect(result.detail).not.toContain(smtp.password);
    expect(smtp.messages).toHaveLength(0);
    // the pooled connection goes on serving the next message
    await expect(sendEmail(ana, message(), { messageId: 'delivery-after-550' })).resolves.toMatchObject({ ok: true });
  });

  it('451 for the recipient is temporary', async () => {
    smtp.rejectNext(451);
    const result = await sendEmail(ana, message(), { messageId: 'delivery-451' });
    expect(result).toMatchObject({ ok: false, permanent: false, code: 451 });
    expect(result.detail).toBe(`smtp://127.0.0.1:${smtp.port} answered RCPT TO: 451 Requested action aborted: local error in processing; will retry`);
  });

  it('a refused message body: 554 permanent, 452 temporary', async () => {
    smtp.rejectNext(554, { at: 'data' });
    const refused = await sendEmail(ana, message(), { messageId: 'delivery-554' });
    expect(refused).toMatchObject({ ok: false, permanent: true, code: 554 });
    expect(refused.detail).toBe(`smtp://127.0.0.1:${smtp.port} answered DATA: 554 Transaction failed`);
    smtp.rejectNext(452, { at: 'data' });
    await expect(sendEmail(ana, message(), { messageId: 'delivery-452' })).resolves.toMatchObject({ ok: false, permanent: false, code: 452 });
    expect(smtp.messages).toHaveLength(0);
  });

  it('refused credentials are temporary (a configuration to fix, not this message), and never echoed', async () => {
    resetEmailTransport(); // a new connection, so a new login
    smtp.refuseNextLogin();
    const result = await sendEmail(ana, message(), { messageId: 'delivery-535' });
    expect(result).toMatchObject({ ok: false, permanent: false, code: 535 });
    expect(result.detail).toMatch(new RegExp(`^smtp://127\\.0\\.0\\.1:${smtp.port} refused the credentials in RELM_SMTP_URL \\(535 `));
    expect(result.detail).not.toContain(smtp.password);
    expect(result.detail).not.toContain(smtp.user);
    expect(smtp.messages).toHaveLength(0);
  });
});

describe('unreachable servers', () => {
  afterAll(() => setEnv({ RELM_SMTP_URL: smtp.url }));

  it('nothing listening: temporary, says so at once', async () => {
    const port = await unusedPort();
    setEnv({ RELM_SMTP_URL: `smtp://someone:Secr3t-pw@127.0.0.1:${port}` });
    const started = Date.now();
    const result = await sendEmail(ana, message(), { messageId: 'delivery-down' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(result.detail).toContain(`could not reach smtp://127.0.0.1:${port}`);
    expect(result.detail).toContain('ECONNREFUSED');
    expect(result.detail).not.toContain('Secr3t-pw');
    expect(result.detail).not.toContain('someone');
    await expect(verifyEmailConnection()).resolves.toMatchObject({ ok: false, permanent: false });
  });

  it('a server that never greets: temporary once the greeting timeout passes', async () => {
    const silent = await startSilentServer();
    try {
      setEnv({ RELM_SMTP_URL: silent.url });
      // the real timeouts are seconds; shorter ones show the same bound without the wait
      resetEmailTransport({ timeouts: { connectMs: 500, greetingMs: 500, socketMs: 1_000, sendMs: 3_000 } });
      const started = Date.now();
      const result = await sendEmail(ana, message(), { messageId: 'delivery-silent' });
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(400);
      expect(took).toBeLessThan(3_000);
      expect(result).toMatchObject({ ok: false, permanent: false });
      expect(result.detail).toMatch(/^timed out waiting for the greeting from smtp:\/\/127\.0\.0\.1:\d+; will retry$/);
      expect(result.detail).not.toContain('silent-Pa55word');
    } finally {
      resetEmailTransport();
      await silent.stop();
    }
  });
});

describe('a server that stops answering', () => {
  afterAll(() => resetEmailTransport());

  it('is given up on at the send deadline: temporary, and the next send goes through', async () => {
    // the socket timeout would end it too; a deadline shorter than it shows the outer bound
    resetEmailTransport({ timeouts: { socketMs: 10_000, sendMs: 700 } });
    smtp.stallNext();
    const started = Date.now();
    const result = await sendEmail(ana, message(), { messageId: 'delivery-stalled' });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(600);
    expect(took).toBeLessThan(5_000);
    expect(result).toEqual({ ok: false, permanent: false, detail: `no answer from smtp://127.0.0.1:${smtp.port} within 700 ms; will retry` });
    await expect(sendEmail(ana, message(), { messageId: 'delivery-after-stall' })).resolves.toMatchObject({ ok: true });
    expect(smtp.messages.map((m) => m.messageId)).toEqual(['<relm.delivery-after-stall@relm.example.com>']);
  });
});

describe('e-mail off', () => {
  afterAll(() => setEnv({ RELM_SMTP_URL: smtp.url }));

  it('answers permanent "off" without connecting anywhere, and the status says so', async () => {
    setEnv({ RELM_SMTP_URL: undefined });
    expect(emailEnabled()).toBe(false);
    expect(emailStatus()).toEqual({ enabled: false, from: 'Relm <relm@relm.example.com>', host: null, publicUrl: 'https://relm.example.com' });
    await expect(sendEmail(ana, message(), { messageId: 'delivery-off' })).resolves.toEqual({ ok: false, permanent: true, detail: EMAIL_OFF_DETAIL });
    expect(EMAIL_OFF_DETAIL).toBe('e-mail is off (RELM_SMTP_URL is not set)');
    await expect(verifyEmailConnection()).resolves.toMatchObject({ ok: false, permanent: true });
    expect(smtp.messages).toHaveLength(0);
  });
});
