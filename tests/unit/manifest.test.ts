import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareManifests, describeManifestChanges, manifestDigest, packageManifest, parseManifest } from '@/lib/domain/manifest';

const d = (c: string) => c.repeat(64);

describe('packageManifest', () => {
  it('writes sorted component@version@digest lines without a trailing newline', () => {
    const m = packageManifest([
      { component: 'ledger', version: '2.4.0', digest: d('b') },
      { component: 'billing-api', version: '4.2.0', digest: d('a') },
    ]);
    expect(m).toBe(`billing-api@4.2.0@${d('a')}\nledger@2.4.0@${d('b')}`);
    expect(packageManifest([])).toBe('');
  });

  it('hashes the manifest text with sha256', () => {
    const m = packageManifest([{ component: 'a', version: '1.0.0', digest: d('c') }]);
    expect(manifestDigest(m)).toBe(createHash('sha256').update(m).digest('hex'));
    expect(manifestDigest(m)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is independent of item order and round-trips through parseManifest', () => {
    const item = fc.record({
      component: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
      version: fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map((v) => v.join('.')),
      digest: fc.stringMatching(/^[0-9a-f]{64}$/),
    });
    fc.assert(
      fc.property(fc.uniqueArray(item, { selector: (i) => i.component, maxLength: 8 }), (items) => {
        const m = packageManifest(items);
        expect(packageManifest([...items].reverse())).toBe(m);
        expect(parseManifest(m).sort((a, b) => (a.component < b.component ? -1 : 1))).toEqual([...items].sort((a, b) => (a.component < b.component ? -1 : 1)));
        expect(compareManifests(m, items).same).toBe(true);
      }),
    );
  });
});

describe('compareManifests', () => {
  const sealed = [
    { component: 'api', version: '1.0.0', digest: d('1') },
    { component: 'ledger', version: '2.4.0', digest: d('2') },
    { component: 'web', version: '3.0.0', digest: d('3') },
  ];

  it('names what was added, removed and changed', () => {
    const current = [
      { component: 'api', version: '1.1.0', digest: d('4') },
      { component: 'ledger', version: '2.4.0', digest: d('5') },
      { component: 'mail', version: '0.1.0', digest: d('6') },
    ];
    const c = compareManifests(packageManifest(sealed), current);
    expect(c.same).toBe(false);
    expect(c.added.map((i) => i.component)).toEqual(['mail']);
    expect(c.removed.map((i) => i.component)).toEqual(['web']);
    expect(c.changed.map((i) => i.component)).toEqual(['api', 'ledger']);
    const text = describeManifestChanges(c);
    expect(text).toEqual([
      'api was sealed at 1.0.0 but the package now has 1.1.0.',
      `ledger 2.4.0: the artifact digest was sealed as ${d('2').slice(0, 12)}… but is now ${d('5').slice(0, 12)}….`,
      'mail 0.1.0 is in the package but was not sealed.',
      'web 3.0.0 was sealed but is no longer in the package.',
    ]);
  });

  it('any single change to an item changes the digest', () => {
    fc.assert(
      fc.property(fc.nat(2), fc.constantFrom('version', 'digest'), (i, field) => {
        const changed = sealed.map((s, k) => (k === i ? { ...s, [field]: field === 'version' ? '9.9.9' : d('f') } : s));
        expect(manifestDigest(packageManifest(changed))).not.toBe(manifestDigest(packageManifest(sealed)));
        expect(compareManifests(sealed, changed).changed.map((c) => c.component)).toEqual([sealed[i]!.component]);
      }),
    );
  });
});
