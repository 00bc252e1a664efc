import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  auditKey,
  canonicalJson,
  chainVerifier,
  checkPendingEvent,
  entryMac,
  GENESIS_HASH,
  hashEvent,
  type AuditKey,
  type StoredEvent,
} from '@/lib/domain/audit-chain';

/** A chain of events; with `key`, the events from `keyedFrom` (1-based) on are sealed with it. */
function buildChain(payloads: unknown[], key?: AuditKey, keyedFrom = 1): { events: StoredEvent[]; head: { seq: number; hash: string } } {
  const events: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  payloads.forEach((after, i) => {
    const content = {
      seq: i + 1,
      at: new Date(Date.UTC(2026, 10, 23, 12, 0, i)),
      actorId: 'u1',
      actorLabel: 'admin@relm.test',
      actorType: 'user',
      action: 'team.create',
      targetType: 'team',
      targetId: `t${i}`,
      releaseId: null,
      before: null,
      after,
      requestId: 'r',
      ip: '127.0.0.1',
      keyId: key && i + 1 >= keyedFrom ? key.id : null,
    };
    const hash = hashEvent(prev, content, key);
    events.push({ ...content, prevHash: prev, hash });
    prev = hash;
  });
  return { events, head: { seq: events.length, hash: prev } };
}

function verify(events: StoredEvent[], head: { seq: number; hash: string }, key?: AuditKey) {
  const v = chainVerifier(key);
  for (const e of events) {
    const problem = v.push(e);
    if (problem) return problem;
  }
  return v.finish(head);
}

describe('canonicalJson', () => {
  it('sorts keys at every depth so equal data hashes equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it('drops undefined properties and writes dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
  });
  it('is stable under key reordering (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
});

describe('chain verification', () => {
  const { events, head } = buildChain([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);

  it('accepts an untouched chain', () => {
    expect(verify(events, head)).toBeUndefined();
  });

  it('names an edited event', () => {
    const edited = events.map((e) => (e.seq === 3 ? { ...e, after: { n: 30 } } : e));
    expect(verify(edited, head)).toMatchObject({ kind: 'tampered', seq: '3' });
  });

  it('names the gap left by a deleted event', () => {
    const deleted = events.filter((e) => e.seq !== 2);
    expect(verify(deleted, head)).toMatchObject({ kind: 'gap', seq: '3', expectedSeq: '2' });
  });

  it('detects reordered events even when their seq numbers are swapped back into order', () => {
    const a = events[1]!;
    const b = events[2]!;
    const swapped = [events[0]!, { ...b, seq: 2 }, { ...a, seq: 3 }, ...events.slice(3)];
    const problem = verify(swapped, head);
    expect(problem).toBeDefined();
    expect(problem!.seq).toBe('2');
  });

  it('detects the newest events being cut off through the head', () => {
    expect(verify(events.slice(0, 4), head)).toMatchObject({ kind: 'head-mismatch' });
  });

  it('detects any single-field change anywhere in any chain (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom('actorLabel', 'action', 'targetId', 'after', 'at', 'ip') as fc.Arbitrary<keyof StoredEvent>,
        (payloads, pick, field) => {
          const chain = buildChain(payloads);
          const i = pick % chain.events.length;
          const original = chain.events[i]!;
          const changed: StoredEvent = {
            ...original,
            [field]:
              field === 'at'
                ? new Date(new Date(original.at).getTime() + 1000)
                : field === 'after'
                  ? { tampered: original.after }
                  : `${String(original[field])}x`,
          };
          const tampered = chain.events.map((e, j) => (j === i ? changed : e));
          expect(verify(tampered, chain.head)).toMatchObject({ kind: 'tampered', seq: String(i + 1) });
        },
      ),
    );
  });
});

describe('events sealed with the audit key', () => {
  const key = auditKey('unit-test-audit-key-unit-test-audit-key');
  const payloads = [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];

  it('names the key by an id that does not reveal it, and hashes with HMAC-SHA256 under it', () => {
    expect(key.id).toMatch(/^k-[0-9a-f]{16}$/);
    expect(key.id).not.toContain(key.secret);
    const { events } = buildChain(payloads, key);
    const plain = hashEvent(GENESIS_HASH, { ...events[0]!, keyId: null });
    expect(events[0]!.hash).not.toBe(plain);
    // the same id with another secret (a forger who guesses) gives another hash
    expect(hashEvent(GENESIS_HASH, events[0]!, { id: key.id, secret: 'a-guess-a-guess-a-guess-a-guess-a-guess' })).not.toBe(events[0]!.hash);
  });

  it('accepts a keyed chain, and an unkeyed prefix from before the key', () => {
    const keyed = buildChain(payloads, key);
    expect(verify(keyed.events, keyed.head, key)).toBeUndefined();
    const upgraded = buildChain(payloads, key, 3);
    expect(upgraded.events.map((e) => e.keyId)).toEqual([null, null, key.id, key.id]);
    expect(verify(upgraded.events, upgraded.head, key)).toBeUndefined();
  });

  it('refuses an unkeyed event after a keyed one, even with a correct SHA-256 hash', () => {
    const { events } = buildChain(payloads, key);
    const last = events[3]!;
    const forged = { ...last, seq: 5, prevHash: last.hash, keyId: null, after: { n: 5 } };
    const withHash = { ...forged, hash: hashEvent(last.hash, forged) };
    expect(verify([...events, withHash], { seq: 5, hash: withHash.hash }, key)).toMatchObject({ kind: 'unkeyed', seq: '5' });
  });

  it('refuses events of another key, or keyed events when no key is given', () => {
    const { events, head } = buildChain(payloads, key);
    const other = auditKey('another-audit-key-another-audit-key');
    expect(verify(events, head, other)).toMatchObject({ kind: 'unknown-key', seq: '1' });
    expect(verify(events, head)).toMatchObject({ kind: 'unknown-key', seq: '1' });
    expect(() => hashEvent(GENESIS_HASH, events[0]!)).toThrow(/audit key k-[0-9a-f]{16} is not available/);
  });
});

describe('events sealed by the sequencer (decision 062)', () => {
  const key = auditKey('the-audit-key-of-this-relm-the-audit-key');
  // events written with identities 10, 12, 11 (commit order), sealed at positions 1, 2, 3
  const written = [10, 12, 11].map((id) => ({
    seq: id,
    at: new Date(Date.UTC(2026, 11, 8, 12, 0, id)),
    actorId: 'u1',
    actorLabel: 'admin@relm.test',
    actorType: 'user',
    action: 'team.create',
    targetType: 'team',
    targetId: `t${id}`,
    releaseId: null,
    before: null,
    after: { id },
    requestId: 'r',
    ip: null,
    keyId: key.id,
  }));
  const withMac = written.map((e) => ({ ...e, entryMac: entryMac(e, key) }));
  const sealed: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  withMac.forEach((e, i) => {
    const hash = hashEvent(prev, { ...e, seq: i + 1 }, key);
    sealed.push({ ...e, seq: i + 1, entrySeq: e.seq, prevHash: prev, hash });
    prev = hash;
  });
  const head = { seq: 3, hash: prev };

  it('checks a waiting event against its entry MAC: content, identity and key', () => {
    expect(checkPendingEvent(withMac[0]!, key)).toBeUndefined();
    expect(checkPendingEvent({ ...withMac[0]!, after: { id: 99 } }, key)).toMatchObject({ kind: 'unsealed-forged', seq: '10' });
    // a copy under another seq
    expect(checkPendingEvent({ ...withMac[0]!, seq: 13 }, key)).toMatchObject({ kind: 'unsealed-forged', seq: '13' });
    expect(checkPendingEvent({ ...withMac[0]!, entryMac: null }, key)).toMatchObject({ kind: 'unsealed-forged' });
    expect(checkPendingEvent(withMac[0]!, auditKey('another-audit-key-another-audit-key'))).toMatchObject({ kind: 'unknown-key' });
    // the MAC needs the key: a guessed one gives another
    expect(entryMac(written[0]!, { ...auditKey('a-guess-a-guess-a-guess-a-guess-a-guess'), id: key.id })).not.toBe(withMac[0]!.entryMac);
  });

  it('verifies the sealed chain in chain order, whatever the identities', () => {
    expect(verify(sealed, head, key)).toBeUndefined();
  });

  it('names a sealed event whose identity was swapped with another', () => {
    const swapped = sealed.map((e, i) => (i === 0 ? { ...e, entrySeq: 12 } : i === 1 ? { ...e, entrySeq: 10 } : e));
    expect(verify(swapped, head, key)).toMatchObject({ kind: 'tampered', seq: '1' });
  });

  it('requires an event without an entry MAC (from before 062) to sit at its own seq', () => {
    const legacy = buildChain([{ n: 1 }, { n: 2 }], key);
    expect(
      verify(
        legacy.events.map((e) => ({ ...e, entrySeq: e.seq })),
        legacy.head,
        key,
      ),
    ).toBeUndefined();
    expect(
      verify(
        legacy.events.map((e, i) => ({ ...e, entrySeq: i ? 1 : 2 })),
        legacy.head,
        key,
      ),
    ).toMatchObject({ kind: 'tampered', seq: '1' });
  });
});
