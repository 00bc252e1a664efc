import { describe, expect, it } from 'vitest';
import {
  announcementSubject,
  changedFields,
  DEPLOYED_STATUSES,
  draftRefusal,
  normalizeAddresses,
  publishRefusal,
  PUBLISH_RULE,
  recipientsOf,
  splitAddresses,
} from '@/lib/domain/announcements';
import { buildAtomFeed, escapeXml, tagUri, textAsHtml } from '@/lib/domain/atom';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';

describe('publishing an announcement', () => {
  it('is allowed exactly when the release was deployed and not backed out or abandoned', () => {
    const allowed = RELEASE_STATUSES.filter((status) => publishRefusal({ key: 'REL-1', status, productionDeployed: false }) === null);
    expect(allowed).toEqual(['deployed', 'handed_over', 'in_review', 'closed']);
    expect(allowed).toEqual([...DEPLOYED_STATUSES]);
    const withProduction = RELEASE_STATUSES.filter((status) => publishRefusal({ key: 'REL-1', status, productionDeployed: true }) === null);
    expect(withProduction).toEqual(['draft', 'submitted', 'approved', 'scheduled', 'deploying', 'deployed', 'handed_over', 'in_review', 'closed']);
  });

  it('names the rule and the release in every refusal', () => {
    for (const status of RELEASE_STATUSES) {
      const refusal = publishRefusal({ key: 'REL-7', status, productionDeployed: false });
      if (refusal) expect(refusal).toMatch(new RegExp(`^REL-7 .*\\(rule: ${PUBLISH_RULE}\\)`));
    }
    expect(publishRefusal({ key: 'REL-7', status: 'scheduled', productionDeployed: false })).toContain('its status is scheduled');
  });

  it('drafts are refused only for releases that will never ship', () => {
    expect(RELEASE_STATUSES.filter((status) => draftRefusal({ key: 'REL-1', status }) !== null)).toEqual(['rejected', 'cancelled']);
  });
});

describe('distribution lists', () => {
  it('split on commas, semicolons and white space; normalize lower-cased, once each', () => {
    expect(splitAddresses(' a@x.com,b@x.com;\n\nc@x.com  d@x.com ,, ')).toEqual(['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com']);
    expect(normalizeAddresses(['A@x.com', 'b@x.com', 'a@X.com'])).toBe('a@x.com\nb@x.com');
    expect(normalizeAddresses([])).toBe('');
  });

  it('give one recipient per address across components, naming each component that lists it', () => {
    expect(
      recipientsOf([
        { name: 'billing', distributionList: 'users@x.com\nfinance@x.com' },
        { name: 'portal', distributionList: 'finance@x.com' },
        { name: 'quiet', distributionList: '' },
      ]),
    ).toEqual([
      { address: 'users@x.com', components: ['billing'] },
      { address: 'finance@x.com', components: ['billing', 'portal'] },
    ]);
  });

  it('subjects name the release key, the components and a correction', () => {
    expect(announcementSubject({ key: 'REL-3', components: ['billing'], title: 'Cards', correction: false })).toBe('REL-3 billing: Cards');
    expect(announcementSubject({ key: 'REL-3', components: ['a', 'b', 'c', 'd', 'e'], title: 'Cards', correction: true })).toBe(
      'REL-3 a, b, c and 2 more: Correction: Cards',
    );
  });

  it('a correction knows which fields it changed', () => {
    const a = { title: 't', summary: 's', body: 'b', effective: 'e', contact: 'c' };
    expect(changedFields(a, { ...a })).toEqual([]);
    expect(changedFields(a, { ...a, contact: 'd', title: 'u' })).toEqual(['title', 'contact']);
  });
});

describe('the Atom feed', () => {
  it('escapes every XML-special character and drops what XML cannot carry', () => {
    expect(escapeXml(`a & b < c > d "e" 'f'\u0000\u0008\u000b\u001f\ufffe ok\ttab\nline`)).toBe(
      'a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos; ok\ttab\nline',
    );
  });

  it('turns text into HTML paragraphs with nothing of the author’s markup', () => {
    expect(textAsHtml('one <b>\nline & more\n\n\ntwo "x"')).toBe('<p>one &lt;b&gt;<br>line &amp; more</p>\n<p>two &quot;x&quot;</p>');
    expect(textAsHtml('  ')).toBe('');
  });

  it('mints tag: ids from the host, without its port', () => {
    expect(tagUri('Relm.Example.com:8443', new Date('2026-12-05T10:00:00Z'), 'announcement/abc 1')).toBe('tag:relm.example.com,2026-12-05:announcement/abc-1');
  });

  it('writes the required elements, stamps in UTC and escaped attribute values', () => {
    const xml = buildAtomFeed({
      id: 'tag:x,2026-12-05:feed',
      title: 'A & B',
      updated: new Date('2026-12-05T10:00:00.123Z'),
      self: 'https://x/feed.xml?token=a&b',
      alternate: 'https://x/page',
      entries: [
        {
          id: 'tag:x,2026-12-05:e1',
          title: '<T>',
          link: 'https://x/page#REL-1',
          published: new Date('2026-12-01T00:00:00Z'),
          updated: new Date('2026-12-02T00:00:00Z'),
          author: 'Rita',
          summary: 's',
          contentHtml: '<p>x &amp; y</p>',
        },
      ],
    });
    expect(xml).toContain('<title type="text">A &amp; B</title>');
    expect(xml).toContain('<updated>2026-12-05T10:00:00Z</updated>');
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://x/feed.xml?token=a&amp;b"/>');
    expect(xml).toContain('<title type="text">&lt;T&gt;</title>');
    expect(xml).toContain('<published>2026-12-01T00:00:00Z</published>');
    expect(xml).toContain('<content type="html">&lt;p&gt;x &amp;amp; y&lt;/p&gt;</content>');
    expect(xml).toContain('<author><name>Rita</name></author>');
  });
});
