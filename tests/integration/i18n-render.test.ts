import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { getFormatter, getTranslations } from 'next-intl/server';
import { useTranslations } from 'next-intl';
import { renderToString } from '@/tests/support/render';
import { setTestLocale } from '@/tests/support/intl-config';

// The test harness for translated components (tests/support/intl-config.ts, render.ts): an async
// server component (getTranslations), a component using the hook, and server-side formatting
// speak the language the test chose.

async function AsyncHeading() {
  const t = await getTranslations('sign-in');
  return createElement('h1', null, t('title'));
}

function HookButton() {
  const t = useTranslations('sign-in.form');
  return createElement('button', null, t('submit'));
}

describe('translated components in tests', () => {
  it('speak English by default', async () => {
    const html = await renderToString(createElement('div', null, createElement(AsyncHeading), createElement(HookButton)));
    expect(html).toContain('<h1>Sign in</h1>');
    expect(html).toContain('<button>Sign in</button>');
  });

  it('speak French when the test chooses it, and format for it', async () => {
    setTestLocale('fr', 'Europe/Paris');
    try {
      const html = await renderToString(createElement('div', null, createElement(AsyncHeading), createElement(HookButton)));
      expect(html).toContain('<h1>Connexion</h1>');
      expect(html).toContain('<button>Se connecter</button>');
      const format = await getFormatter();
      expect(format.number(1234.5)).toBe('1\u202f234,5');
      expect(format.dateTime(new Date('2026-12-08T09:00:00Z'), { hour: '2-digit', minute: '2-digit' })).toBe('10:00');
    } finally {
      setTestLocale('en');
    }
  });
});
