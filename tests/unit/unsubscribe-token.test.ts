import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/server/env';
import { readUnsubscribeToken, unsubscribeToken } from '@/lib/server/unsubscribe-token';

// The signed unsubscribe link (issue 13): it says whose e-mail and which kind, and nothing else
// passes for it.

const saved = process.env.AUTH_SECRET;
beforeAll(() => {
  process.env.AUTH_SECRET = 'a'.repeat(48);
  resetEnvForTests();
});
afterAll(() => {
  if (saved === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = saved;
  resetEnvForTests();
});

describe('unsubscribe tokens', () => {
  it('round-trip the person and the kind, URL-safe', () => {
    const t = unsubscribeToken({ userId: 'cmuser123', kind: 'release.progress' });
    expect(t).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(readUnsubscribeToken(t)).toEqual({ userId: 'cmuser123', kind: 'release.progress' });
    expect(readUnsubscribeToken(unsubscribeToken({ userId: 'u', kind: '*' }))).toEqual({ userId: 'u', kind: '*' });
  });

  it('refuses a token with a changed person, kind or signature', () => {
    const t = unsubscribeToken({ userId: 'cmuser123', kind: 'release.progress' });
    const [v, payload, sig] = t.split('.') as [string, string, string];
    const other = Buffer.from(JSON.stringify(['cmother', 'release.progress'])).toString('base64url');
    expect(readUnsubscribeToken(`${v}.${other}.${sig}`)).toBeNull();
    const flipped = sig.slice(0, -2) + (sig.endsWith('A') ? 'B' : 'A') + sig.slice(-1);
    expect(readUnsubscribeToken(`${v}.${payload}.${flipped}`)).toBeNull();
    expect(readUnsubscribeToken(`${v}.${payload}.${sig.slice(0, 10)}`)).toBeNull();
    expect(readUnsubscribeToken(`u2.${payload}.${sig}`)).toBeNull();
    for (const junk of ['', 'x', 'a.b.c', null, undefined, 42, `${t}.extra`, 'u1.!!.??']) expect(readUnsubscribeToken(junk)).toBeNull();
  });

  it('refuses a token signed with another secret (another Relm)', () => {
    // what another Relm's link for the same person and kind looks like: same shape, its own key
    const payload = Buffer.from(JSON.stringify(['cmuser123', 'release.progress'])).toString('base64url');
    const key = Buffer.from(crypto.hkdfSync('sha256', 'b'.repeat(48), Buffer.alloc(0), 'relm unsubscribe link v1', 32));
    const sig = crypto.createHmac('sha256', key).update(`u1.${payload}`).digest('base64url');
    expect(readUnsubscribeToken(`u1.${payload}.${sig}`)).toBeNull();
  });
});
