'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

// Forms keep what people typed (issue 16 point 7, decision 054). Not yet placed in any form:
// with it in the release and comment forms, end-to-end runs saw navigations aborted by
// `beforeunload` (a hidden field updated by revalidation counted as a change); that must be
// fixed and verified before it is used. The field helpers below serve ConflictChooser today.
// Placed inside a <form>, this:
// - keeps a draft of the fields in sessionStorage under the form's id (form and record), so
//   the browser's Back and Forward buttons, a reload or a soft navigation away and back give
//   the input back; the draft goes once a save succeeds;
// - asks before leaving with unsaved changes: `beforeunload` for reloads, closing and
//   full-page navigations, and a capture-phase click listener for in-app links (the App Router
//   has no navigation events to cancel, so the click is stopped before next/link sees it).
// The draft carries the hidden `version` it was typed against, so a draft restored after
// someone else saved is refused as stale and shown beside their values (never overwrites).

type Draft = Record<string, string[]>;

const PREFIX = 'relm:draft:';
/** Clicks already answered by one form's question: several dirty forms ask once. */
const answered = new WeakMap<Event, boolean>();

/** The pristine values per form id while the page lives: result re-renders remount the form. */
const baselines = new Map<string, string>();

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the form still works, without drafts
  }
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function fieldsOf(form: HTMLFormElement): Field[] {
  return Array.from(form.elements).filter(
    (el): el is Field =>
      (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) &&
      !!el.name &&
      !el.disabled &&
      !(el instanceof HTMLInputElement && ['file', 'submit', 'button', 'reset', 'password'].includes(el.type)),
  );
}

/** Every named field's value(s); unchecked boxes still name their group, so unticking is kept. */
export function readDraft(form: HTMLFormElement): Draft {
  const out: Draft = {};
  for (const el of fieldsOf(form)) {
    const list = (out[el.name] ??= []);
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      if (el.checked) list.push(el.value);
    } else if (el instanceof HTMLSelectElement && el.multiple) {
      for (const o of Array.from(el.selectedOptions)) list.push(o.value);
    } else {
      list.push(el.value);
    }
  }
  return out;
}

/** Sets a field the way typing would, so React's change handlers (previews, counters) see it. */
function setValue(el: Field, value: string) {
  const proto =
    el instanceof HTMLTextAreaElement
      ? HTMLTextAreaElement.prototype
      : el instanceof HTMLSelectElement
        ? HTMLSelectElement.prototype
        : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

function setChecked(el: HTMLInputElement, checked: boolean) {
  if (el.checked === checked) return;
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'checked')?.set?.call(el, checked);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Puts values into the form's fields; names not in `draft` are left alone. */
export function writeDraft(form: HTMLFormElement, draft: Draft) {
  const seen = new Map<string, number>();
  for (const el of fieldsOf(form)) {
    const values = draft[el.name];
    if (!values) continue;
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      setChecked(el, values.includes(el.value));
    } else if (el instanceof HTMLSelectElement && el.multiple) {
      for (const o of Array.from(el.options)) o.selected = values.includes(o.value);
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      // several fields of one name (lists of steps): in document order
      const i = seen.get(el.name) ?? 0;
      seen.set(el.name, i + 1);
      const v = values[i];
      if (v !== undefined && v !== el.value) setValue(el, v);
    }
  }
}

/** Sets one field (or checkbox group) by name: the conflict view's "take theirs". */
export function setField(form: HTMLFormElement, name: string, value: string | string[]) {
  writeDraft(form, { [name]: Array.isArray(value) ? value : [value] });
}

const serialize = (d: Draft) =>
  JSON.stringify(
    Object.keys(d)
      .sort()
      .map((k) => [k, d[k]]),
  );

/** A link click that would take the page elsewhere in this tab. */
function leavingLink(e: MouseEvent): boolean {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false;
  const a = (e.target as Element | null)?.closest?.('a[href]');
  if (!(a instanceof HTMLAnchorElement)) return false;
  if ((a.target && a.target !== '_self') || a.hasAttribute('download')) return false;
  const to = new URL(a.href, window.location.href);
  const here = window.location;
  // a jump within the page leaves nothing behind
  return !(to.origin === here.origin && to.pathname === here.pathname && to.search === here.search && to.hash !== '');
}

/**
 * Keeps the enclosing form's input (see the top of this file). `id` names the form and its
 * record ("release:new", "release:REL-7:edit"); `state` is the form's useActionState result.
 */
export function KeepInput({ id, state }: { id: string; state: { status: string; at?: number } }) {
  const t = useTranslations('forms');
  const leaveQuestion = t('leave');
  const marker = useRef<HTMLSpanElement>(null);
  const status = state.status;

  useEffect(() => {
    const form = marker.current?.closest('form');
    if (!form) return;
    const key = PREFIX + id;
    const store = storage();
    let submitting = false;

    if (status === 'ok') {
      // saved and still here: what is in the form now is the new starting point
      store?.removeItem(key);
      baselines.set(id, serialize(readDraft(form)));
    } else if (status === 'idle') {
      if (!baselines.has(id)) baselines.set(id, serialize(readDraft(form)));
      const saved = store?.getItem(key);
      if (saved) {
        try {
          writeDraft(form, JSON.parse(saved) as Draft);
        } catch {
          store?.removeItem(key);
        }
      }
    } else if (store) {
      // a refusal re-rendered the form with what was submitted: that is the draft now
      store.setItem(key, JSON.stringify(readDraft(form)));
    }

    const dirty = () => !submitting && serialize(readDraft(form)) !== baselines.get(id);
    const save = () => {
      if (!store) return;
      if (dirty()) store.setItem(key, JSON.stringify(readDraft(form)));
      else store.removeItem(key);
    };
    const onSubmit = () => {
      submitting = true;
    };
    const onReset = () => {
      // the reset event comes before the fields change
      queueMicrotask(() => {
        baselines.set(id, serialize(readDraft(form)));
        store?.removeItem(key);
      });
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirty()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (!leavingLink(e) || !dirty()) return;
      let leave = answered.get(e);
      if (leave === undefined) answered.set(e, (leave = window.confirm(leaveQuestion)));
      if (leave) return;
      e.preventDefault();
      e.stopPropagation();
    };
    form.addEventListener('input', save);
    form.addEventListener('change', save);
    form.addEventListener('submit', onSubmit);
    form.addEventListener('reset', onReset);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      form.removeEventListener('input', save);
      form.removeEventListener('change', save);
      form.removeEventListener('submit', onSubmit);
      form.removeEventListener('reset', onReset);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
      if (submitting) {
        // submitted and gone: either a save that redirected (the draft is done with) or a
        // result that remounts this form, whose new instance writes the draft again
        store?.removeItem(key);
        baselines.delete(id);
      }
    };
  }, [id, status, state.at, leaveQuestion]);

  return <span ref={marker} hidden />;
}
