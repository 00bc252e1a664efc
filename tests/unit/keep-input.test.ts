// @vitest-environment jsdom
import { act, createElement as h, useActionState, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { NextIntlClientProvider } from 'next-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeepInput, leavingLink } from '@/components/forms/keep-input';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { messagesFor } from '@/messages';

// KeepInput in a browser-like document (decision 054): what counts as changed, drafts across a
// remount (the browser's Back), the draft gone after a save, and the question before a link.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
const ok: Action = async () => ({ status: 'ok', at: Date.now() });

interface Props {
  id?: string;
  version?: number;
  title?: string;
  zone?: string;
  action?: Action;
}

/** A form shaped like the app's: hidden record fields, text, a select, boxes, a widget's hidden value. */
function TestForm({ id = 'release:REL-7:edit', version = 1, title = 'Ledger', zone = 'UTC', action = ok }: Props) {
  const [state, formAction] = useActionState(action, IDLE);
  return h(
    'form',
    { key: state.at ?? 0, action: formAction },
    h(KeepInput, { id, state }),
    h('input', { type: 'hidden', name: 'key', value: 'REL-7' }),
    h('input', { type: 'hidden', name: 'version', value: String(version) }),
    // a widget's choice held in a hidden input (the time zone picker)
    h('input', { type: 'hidden', name: 'timezone', value: zone, 'data-keep-rendered': zone, readOnly: true }),
    h('input', { name: 'title', 'aria-label': 'Title', defaultValue: title }),
    h('textarea', { name: 'description', 'aria-label': 'Description', defaultValue: 'Line one\nline two' }),
    h('input', { name: 'plannedStart', type: 'datetime-local', defaultValue: '2026-03-04T10:00:00' }),
    h('select', { name: 'type', defaultValue: 'normal' }, h('option', { value: 'standard' }, 'Standard'), h('option', { value: 'normal' }, 'Normal')),
    h('input', { type: 'checkbox', name: 'environments', value: 'staging', defaultChecked: true }),
    h('input', { type: 'checkbox', name: 'environments', value: 'production' }),
    h('button', { type: 'submit' }, 'Save'),
  );
}

/** A form whose fields depend on a controlled radio, like the freeze form's kind. */
function KindForm() {
  const [state, formAction] = useActionState(ok, IDLE);
  const [kind, setKind] = useState('recurring');
  return h(
    'form',
    { action: formAction },
    h(KeepInput, { id: 'freeze:new', state }),
    ...['recurring', 'one-off'].map((k) => h('input', { key: k, type: 'radio', name: 'kind', value: k, checked: kind === k, onChange: () => setKind(k) })),
    kind === 'recurring' ? h('input', { name: 'rrule', defaultValue: '' }) : h('input', { name: 'startsAt', defaultValue: '' }),
  );
}

const inEnglish = (children: ReactNode) => h(NextIntlClientProvider, { locale: 'en', timeZone: 'UTC', messages: messagesFor('en'), children });

let container: HTMLDivElement;
let root: Root;
/** links the router (next/link) would take: the bubbling click after KeepInput's capture listener */
let routed: string[];
const route = (e: MouseEvent) => {
  const a = (e.target as Element).closest('a');
  if (!a) return;
  e.preventDefault();
  routed.push(a.getAttribute('href') ?? '');
};

async function show(props: Props = {}) {
  await act(async () => {
    root.render(inEnglish(h(TestForm, props)));
  });
  await act(() => new Promise((r) => setTimeout(r, 5)));
}

async function gone() {
  await act(async () => root.unmount());
  root = createRoot(container);
}

const form = () => container.querySelector('form')!;
const field = <T extends Element = HTMLInputElement>(name: string) => container.querySelector<T & Element>(`[name="${name}"]`)!;

/** Types into a field as a person would: the value changes, then `input` and `change` fire. */
async function type(name: string, value: string) {
  const el = field<HTMLInputElement | HTMLTextAreaElement>(name);
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Whether a reload would ask now. */
function reloadAsks(): boolean {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
}

/** Clicks a link outside the form; whether it went ahead. */
function follow(href: string, init: MouseEventInit = {}, attrs: Record<string, string> = {}): boolean {
  const a = document.createElement('a');
  a.href = href;
  for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v);
  a.textContent = 'Elsewhere';
  document.body.append(a);
  const before = routed.length;
  a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init }));
  a.remove();
  return routed.length > before;
}

const draftOf = (id = 'release:REL-7:edit') =>
  JSON.parse(sessionStorage.getItem(`relm:draft:${id}`) ?? 'null') as { fields: Record<string, string[]>; hidden: Record<string, string[]> } | null;

beforeEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, '', '/releases/REL-7/edit');
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  routed = [];
  document.addEventListener('click', route);
  vi.spyOn(window, 'confirm').mockReturnValue(false);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  document.removeEventListener('click', route);
  vi.restoreAllMocks();
});

describe('KeepInput: what counts as changed', () => {
  it('a form as rendered is not changed: links go ahead without a question and a reload does not ask', async () => {
    await show();
    expect(reloadAsks()).toBe(false);
    expect(follow('/releases')).toBe(true);
    expect(window.confirm).not.toHaveBeenCalled();
    expect(draftOf()).toBeNull();
  });

  it('a visible edit makes it changed; undoing the edit makes it unchanged again', async () => {
    await show();
    await type('title', 'Ledger v2');
    expect(reloadAsks()).toBe(true);
    expect(draftOf()?.fields.title).toEqual(['Ledger v2']);
    await type('title', 'Ledger');
    expect(reloadAsks()).toBe(false);
    expect(draftOf()).toBeNull();
  });

  it('unticking a box and choosing another option count as edits', async () => {
    await show();
    await act(async () => field('environments').click());
    expect(reloadAsks()).toBe(true);
    await act(async () => field('environments').click());
    expect(reloadAsks()).toBe(false);
    const select = field<HTMLSelectElement>('type');
    await act(async () => {
      select.value = 'standard';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(reloadAsks()).toBe(true);
  });

  it('a hidden value changed by a re-render with newer server values (version) is not a change', async () => {
    await show({ version: 1 });
    await show({ version: 2 });
    expect(field('version').value).toBe('2');
    expect(reloadAsks()).toBe(false);
    // nor one set by code meanwhile
    field('version').value = '9';
    field('key').value = 'REL-8';
    expect(reloadAsks()).toBe(false);
    expect(follow('/releases')).toBe(true);
    expect(window.confirm).not.toHaveBeenCalled();
  });

  it("a widget's choice in a hidden input marked data-keep-rendered is a change", async () => {
    await show({ zone: 'UTC' });
    const zone = field('timezone');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(zone, 'Europe/Paris');
      zone.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(reloadAsks()).toBe(true);
    expect(draftOf()?.fields.timezone).toEqual(['Europe/Paris']);
  });

  it('new server values are the new starting point: a form shown again with them is not changed', async () => {
    await show({ title: 'Ledger' });
    await show({ title: 'Ledger (renamed elsewhere)', version: 2 });
    expect(reloadAsks()).toBe(false);
  });
});

describe('KeepInput: drafts', () => {
  it('gives the input back when the form is shown again (Back), with the version it was typed against', async () => {
    await show({ version: 1 });
    await type('title', 'Typed, not saved');
    await type('description', 'More words');
    await gone();
    expect(draftOf()?.hidden.version).toEqual(['1']);

    // someone else saved meanwhile: the form comes back with version 2
    await show({ version: 2 });
    expect(field('title').value).toBe('Typed, not saved');
    expect(field<HTMLTextAreaElement>('description').value).toBe('More words');
    expect(field('version').value).toBe('1');
    expect(reloadAsks()).toBe(true);
  });

  it('submits the restored version even after React puts its own back, so a stale save is refused', async () => {
    const seen: string[] = [];
    const record: Action = async (_prev, data) => {
      seen.push(String(data.get('version')));
      return { status: 'error', message: 'stale', at: Date.now() };
    };
    await show({ version: 1, action: record });
    await type('title', 'Mine');
    await gone();
    await show({ version: 2, action: record });
    await show({ version: 2, action: record }); // a re-render sets the hidden input to its prop again
    await act(async () => form().requestSubmit());
    await act(() => new Promise((r) => setTimeout(r, 5)));
    expect(seen).toEqual(['1']);
  });

  it('drops a draft whose visible fields equal the form, without bringing back its hidden values', async () => {
    sessionStorage.setItem('relm:draft:release:REL-7:edit', JSON.stringify({ fields: { title: ['Ledger'] }, hidden: { version: ['1'] } }));
    await show({ version: 3 });
    expect(field('version').value).toBe('3');
    expect(draftOf()).toBeNull();
    expect(reloadAsks()).toBe(false);
  });

  it('restores a choice that shows other fields, then those fields', async () => {
    const showKind = async () => {
      await act(async () => {
        root.render(inEnglish(h(KindForm)));
      });
      await act(() => new Promise((r) => setTimeout(r, 20)));
    };
    await showKind();
    await act(async () => container.querySelector<HTMLInputElement>('input[value="one-off"]')!.click());
    await type('startsAt', '2040-12-24T00:00');
    expect(reloadAsks()).toBe(true);
    await gone();
    await showKind();
    expect(container.querySelector<HTMLInputElement>('input[value="one-off"]')!.checked).toBe(true);
    expect(field('startsAt').value).toBe('2040-12-24T00:00');
  });

  it('keeps drafts apart per id', async () => {
    await show({ id: 'release:REL-7:edit' });
    await type('title', 'For REL-7');
    await gone();
    await show({ id: 'release:REL-8:edit' });
    expect(field('title').value).toBe('Ledger');
  });

  it('a successful save clears the draft and asks nothing afterwards', async () => {
    await show();
    await type('title', 'Saved now');
    expect(draftOf()).not.toBeNull();
    await act(async () => form().requestSubmit());
    await act(() => new Promise((r) => setTimeout(r, 5)));
    expect(draftOf()).toBeNull();
    expect(reloadAsks()).toBe(false);
  });

  it('a save that redirects (the form unmounts while submitting) asks nothing and leaves no draft', async () => {
    // the action redirects: its result never reaches the form (settled after the test, since
    // React holds every later transition until a pending action settles)
    let settle = () => {};
    const redirects: Action = () => new Promise<FormState>((resolve) => (settle = () => resolve(IDLE)));
    await show({ action: redirects });
    await type('title', 'Saved, then redirected');
    await act(async () => form().requestSubmit());
    expect(reloadAsks()).toBe(false);
    expect(follow('/releases/REL-7')).toBe(true);
    expect(window.confirm).not.toHaveBeenCalled();
    await gone();
    expect(draftOf()).toBeNull();
    await act(async () => settle());
  });

  it('a refused save keeps the submitted input as the draft, still unsaved', async () => {
    const refuse: Action = async () => ({ status: 'error', message: 'no', at: Date.now() });
    await show({ action: refuse });
    await type('title', 'Refused');
    await act(async () => form().requestSubmit());
    await act(() => new Promise((r) => setTimeout(r, 5)));
    // the test form shows its defaults again (the app's show what was submitted): type it again
    await type('title', 'Refused');
    expect(draftOf()?.fields.title).toEqual(['Refused']);
    expect(reloadAsks()).toBe(true);
  });
});

describe('KeepInput: the question before a link', () => {
  it('asks in the reader’s words before an in-app link, and stays when cancelled', async () => {
    await show();
    await type('title', 'Half-typed');
    expect(follow('/releases')).toBe(false);
    expect(window.confirm).toHaveBeenCalledWith(messagesFor('en').forms.leave);
    expect(field('title').value).toBe('Half-typed');
  });

  it('goes when the person agrees, and the draft stays for Back', async () => {
    await show();
    await type('title', 'Half-typed');
    vi.mocked(window.confirm).mockReturnValue(true);
    expect(follow('/releases')).toBe(true);
    await gone();
    expect(draftOf()?.fields.title).toEqual(['Half-typed']);
  });

  it('does not ask for a new tab, a modifier click, a download, a jump within the page or another site', async () => {
    await show();
    await type('title', 'Half-typed');
    follow('/releases', { ctrlKey: true });
    follow('/releases', { metaKey: true });
    follow('/releases', { button: 1 });
    follow('/releases', {}, { target: '_blank' });
    follow('/api/export.csv', {}, { download: '' });
    follow('#description');
    follow('https://example.org/elsewhere');
    expect(window.confirm).not.toHaveBeenCalled();
  });

  it('tells leaving links apart', () => {
    window.history.replaceState(null, '', '/releases/new?template=t1');
    const click = (href: string, init: MouseEventInit = {}) => {
      const a = document.createElement('a');
      a.href = href;
      document.body.append(a);
      let result = false;
      a.addEventListener('click', (e) => (result = leavingLink(e)));
      a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
      a.remove();
      return result;
    };
    expect(click('/releases')).toBe(true);
    expect(click('/releases/new')).toBe(true);
    expect(click('/releases/new?template=t1#title')).toBe(false);
    expect(click('/releases/new?template=t1')).toBe(false);
    expect(click('/releases', { shiftKey: true })).toBe(false);
    expect(click('mailto:ops@example.org')).toBe(false);
  });
});
