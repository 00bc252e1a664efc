import { NextIntlClientProvider } from 'next-intl';
import { createElement, type ComponentProps } from 'react';
import { describe, expect, it } from 'vitest';
import { GateList } from '@/components/releases/detail/gate-list';
import { evaluateTransition, type ReleaseFacts } from '@/lib/domain/lifecycle';
import { renderToString } from '@/tests/support/render';
import { setTestLocale } from '@/tests/support/intl-config';

// The gate checklist says each gate's words in the reader's language
// (docs/decisions/058-words-from-the-domain.md); English stays the gate's own why and fix.

const facts: ReleaseFacts = {
  key: 'REL-7',
  status: 'draft',
  type: 'major',
  package: {
    hasPackage: true,
    itemCount: 2,
    sealed: false,
    sealedDigest: null,
    integrity: { ok: true, problems: [] },
    compatibility: { ok: true, problems: [] },
  },
  risks: { riskCount: 0, openRisks: 0, noKnownRisks: true, assessed: true },
  plan: { taskCount: 3, tasksWithoutOwner: ['Run smoke tests', 'Notify support'] },
};
const gates = evaluateTransition(facts, 'submitted', { transition: true }).gates;
const render = () => renderToString(createElement(GateList, { gates, idPrefix: 'g' }));
const text = (html: string) => html.replace(/<!-- -->/g, '').replace(/&#x27;/g, "'");

describe('GateList', () => {
  it('says the English why and fix in English', async () => {
    const html = text(await render());
    for (const g of gates) expect(html).toContain(g.why);
    expect(html).toContain('The package has 2 builds but is not sealed.');
    expect(html).toContain('2 of 3 plan tasks have no owner: Run smoke tests and Notify support.');
    expect(html).toContain('To meet it:');
  });

  it('says the gates in French, lists and plurals included', async () => {
    setTestLocale('fr');
    const html = text(await render());
    expect(html).toContain('Une mise en production brouillon peut être soumise.');
    expect(html).toContain('Le paquet contient 2 builds mais n’est pas scellé.');
    expect(html).toContain('2 tâches sur 3 tâches du plan n’ont pas de responsable\u00a0: Run smoke tests et Notify support.');
    expect(html).toContain('Pour le satisfaire\u00a0:');
    expect(html).not.toContain('is not sealed');
  });

  it('falls back to the English of a gate without words', async () => {
    setTestLocale('fr');
    const html = text(
      await renderToString(createElement(GateList, { gates: [{ rule: 'x.y', passed: false, why: 'Built elsewhere.', fix: 'Fix it there.' }], idPrefix: 'g' })),
    );
    expect(html).toContain('Built elsewhere.');
    expect(html).toContain('Fix it there.');
    expect(html).toContain('Non satisfait\u00a0:');
  });

  it('speaks English, not message keys, where the page did not hand it the gates messages', async () => {
    setTestLocale('fr');
    const provider = { locale: 'fr', timeZone: 'UTC', messages: {} } as ComponentProps<typeof NextIntlClientProvider>;
    const bare = createElement(NextIntlClientProvider, provider, createElement(GateList, { gates, idPrefix: 'g' }));
    const html = text(await renderToString(bare));
    expect(html).not.toContain('gates.');
    expect(html).toContain('The package has 2 builds but is not sealed.');
    expect(html).toContain('To meet it:');
    expect(html).toContain('Rule <code');
  });
});
