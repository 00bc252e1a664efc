// @vitest-environment jsdom
import { act, createElement, type ComponentProps, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { NextIntlClientProvider } from 'next-intl';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DateField } from '@/components/ui/date-field';
import { messagesFor } from '@/messages';

// The date field (components/ui/date-field.tsx, decision 059) in a DOM: what a person types
// in its segments reaches the hidden input the form submits, in the format of the native
// input it replaces. The server render is tested in date-field.test.ts.

beforeAll(async () => {
  // the field's chunk, loaded once here rather than within the first test's wait
  await import('@/components/ui/date-picker-field');
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // react-aria collapses the selection on each selectionchange; a DOM library may fire selectionchange
  // synchronously on every collapse (a browser queues it, and not for the same place): endless.
  const dispatch = document.dispatchEvent.bind(document);
  document.dispatchEvent = (e: Event) => (e.type === 'selectionchange' ? true : dispatch(e));
});

let root: Root | null = null;
let host: HTMLElement | null = null;

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
});

async function render(locale: 'en' | 'fr', element: ReactNode): Promise<HTMLFormElement> {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  // the field's chunk is loaded on demand (React.lazy): the act waits for it
  await act(async () =>
    root!.render(
      createElement(
        NextIntlClientProvider,
        // children come as the third argument
        { locale, timeZone: 'UTC', messages: messagesFor(locale) } as ComponentProps<typeof NextIntlClientProvider>,
        createElement('form', { 'aria-label': 'test' }, element),
      ),
    ),
  );
  const form = host.querySelector('form')!;
  await vi.waitFor(() => expect(form.querySelector('[role="group"]')).not.toBeNull(), { timeout: 10_000 });
  return form;
}

const segment = (form: HTMLElement, type: string) => form.querySelector<HTMLElement>(`[data-type="${type}"]`)!;

/** Types into a segment as a keyboard does: react-aria reads beforeinput events. */
function type(el: HTMLElement, text: string) {
  act(() => el.focus());
  for (const ch of text) {
    act(() => {
      el.ownerDocument.activeElement!.dispatchEvent(new InputEvent('beforeinput', { data: ch, inputType: 'insertText', bubbles: true, cancelable: true }));
    });
  }
}

const submitted = (form: HTMLFormElement, name: string) => new FormData(form).get(name);

describe('date field, typed', () => {
  it('puts a date and time typed day first into the hidden value as YYYY-MM-DDTHH:mm', async () => {
    const form = await render('fr', createElement(DateField, { name: 'startsAt', label: 'Début', withTime: true, defaultValue: '' }));
    expect(submitted(form, 'startsAt')).toBe('');
    // the order a French reader sees: day, month, year, hour, minute; each segment moves on when full
    const order = [...form.querySelectorAll('[data-type]')].map((e) => e.getAttribute('data-type')).filter((t) => t !== 'literal');
    expect(order).toEqual(['day', 'month', 'year', 'hour', 'minute']);
    type(segment(form, 'day'), '240120401805');
    expect(submitted(form, 'startsAt')).toBe('2040-01-24T18:05');
  });

  it('changes one part of a date and tells the form, as a native input would', async () => {
    const form = await render('en', createElement(DateField, { name: 'dueDate', label: 'Due', defaultValue: '2030-05-01' }));
    let events = 0;
    form.addEventListener('input', () => events++);
    expect(submitted(form, 'dueDate')).toBe('2030-05-01');
    type(segment(form, 'month'), '11');
    expect(submitted(form, 'dueDate')).toBe('2030-11-01');
    expect(events).toBeGreaterThan(0);
    // a script setting the hidden value (the conflict view's "take theirs") shows in the segments
    const hidden = form.querySelector<HTMLInputElement>('input[type="hidden"][name="dueDate"]')!;
    act(() => {
      hidden.value = '2031-02-03';
      hidden.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect([segment(form, 'day').textContent, segment(form, 'month').textContent, segment(form, 'year').textContent]).toEqual(['03', '02', '2031']);
    expect(submitted(form, 'dueDate')).toBe('2031-02-03');
  });

  it('submits its form on Enter, as a text box does', async () => {
    const form = await render('en', createElement(DateField, { name: 'to', label: 'To', defaultValue: '2030-05-01' }));
    const sent: (string | null)[] = [];
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      sent.push(new FormData(form).get('to') as string | null);
    });
    const day = segment(form, 'day');
    act(() => day.focus());
    act(() => {
      day.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    expect(sent).toEqual(['2030-05-01']);
  });

  it('clears an optional date: the form sends an empty value', async () => {
    const form = await render('en', createElement(DateField, { name: 'from', label: 'From', defaultValue: '2030-05-01' }));
    const clear = form.querySelector<HTMLButtonElement>('button[aria-label="Clear the date"]')!;
    act(() => clear.click());
    expect(submitted(form, 'from')).toBe('');
    expect(segment(form, 'day').textContent).toBe('dd');
  });
});
