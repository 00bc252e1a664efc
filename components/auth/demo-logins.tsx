'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { Messages } from '@/messages';
import { SIGN_IN_FORM_ID } from './sign-in-form';

export type DemoAccountKey = keyof Messages['sign-in']['demo']['accounts'];

export interface DemoAccountItem {
  email: string;
  /** its description's key in the sign-in catalogue (demo.accounts) */
  key: DemoAccountKey;
}

/**
 * The demo organisation's accounts, so a first visitor can look around: choosing one fills the
 * sign-in form's email and password and moves to its Sign in button. Without JavaScript the
 * buttons do nothing, and the email and password shown here are typed as usual.
 */
export function DemoLogins({ accounts, password }: { accounts: DemoAccountItem[]; password: string }) {
  const t = useTranslations('sign-in.demo');
  const [filled, setFilled] = useState<string | null>(null);

  function fill(email: string) {
    const form = document.getElementById(SIGN_IN_FORM_ID);
    if (!(form instanceof HTMLFormElement)) return;
    const field = (name: string) => form.elements.namedItem(name);
    const emailInput = field('email');
    const passwordInput = field('password');
    if (!(emailInput instanceof HTMLInputElement) || !(passwordInput instanceof HTMLInputElement)) return;
    emailInput.value = email;
    passwordInput.value = password;
    setFilled(email);
    form.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
  }

  return (
    <aside aria-labelledby="demo-logins-heading" className="mt-4 rounded-lg border border-blue-200 bg-blue-50 p-4 text-sm text-gray-900">
      <h2 id="demo-logins-heading" className="font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 text-gray-800">
        {t.rich('password', {
          password,
          code: (chunks) => <code className="rounded bg-white px-1 font-mono text-xs whitespace-nowrap">{chunks}</code>,
        })}
      </p>
      <ul className="mt-2 space-y-1">
        {accounts.map((a) => (
          <li key={a.email}>
            <button
              type="button"
              onClick={() => fill(a.email)}
              className="flex w-full flex-col items-start rounded-md px-2 py-1 text-left hover:bg-blue-100 focus-visible:outline-2 focus-visible:outline-blue-700"
            >
              <code className="font-mono text-xs leading-5 break-all">{a.email}</code>
              <span className="text-xs leading-5 text-gray-700">{t(`accounts.${a.key}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      <p role="status" className="mt-2 text-xs text-gray-800">
        {filled ? t('filled', { email: filled }) : null}
      </p>
    </aside>
  );
}
