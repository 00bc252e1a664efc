'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

// Forms keep what people typed (issue 16 point 7, decision 054). Placed inside a <form>, this:
// - keeps a draft of the form in sessionStorage under the form's id (form and record), so the
//   browser's Back and Forward buttons, a reload or a soft navigation away and back give the
//   input back; the draft goes once a save succeeds;
// - asks before leaving with unsaved changes: `beforeunload` for reloads, closing and full-page
//   navigations, and a capture-phase click listener for in-app links (the App Router has no
//   navigation events to cancel, so the click is stopped before next/link sees it). Back and
//   Forward inside the app cannot be stopped: the draft brings the input back instead.
//
// What counts as a change: only what a person can edit. The fields compared are the named,
// enabled, writable inputs, text areas and selects that are not type=hidden, plus hidden inputs
// that hold a person's choice made with a widget and say so (`data-keep-rendered`, e.g. the time
// zone picker). A field counts once it was edited (by the person, a restored draft or the conflict
// chooser) and differs from the value the form rendered it with: its default, read from a reset
// copy of the form. A form that remounts with new server values (`key={state.at}`) so has a new
// baseline by itself, and a field nobody edited never counts, even when revalidation moves its
// default. After a refused save the form shows what was submitted: that is compared with what the
// form first opened with on this visit, since it is still unsaved. Hidden values (version, key,
// template...) never make a form changed.
//
// The rule for hidden values: a draft keeps the visible fields and, beside them, the hidden
// values they were typed against (above all the record's `version`). A draft is restored only
// when its visible fields differ from what the form rendered; then its hidden values come back
// with them, so saving is checked against the version the person typed over and is refused as
// stale if someone saved since (decisions 014, 054), never silently overwriting. A draft whose
// visible fields equal the form is dropped whole: its hidden values never replace newer ones on
// their own. Restored hidden values are written again when the form is submitted, since React
// puts a re-rendered hidden input's own value back.
//
// Never asks: while or after a submit (a save that redirects unmounts the form; the draft goes
// with it), when the fields equal the baseline, and for links that do not leave the page in this
// tab (new tab or window, download, a modifier or middle click, another origin, whose full-page
// navigation `beforeunload` covers, a jump within the page).

type Draft = Record<string, string[]>;
interface Stored {
  /** the fields a person edits */
  fields: Draft;
  /** the hidden values they were typed against */
  hidden: Draft;
}

const PREFIX = 'relm:draft:';
/** Clicks already answered by one form's question: several dirty forms ask once. */
const answered = new WeakMap<Event, boolean>();
/** Per form id, its fields as it first rendered on this visit: a refused save shows what was submitted. */
const pristine = new Map<string, string>();
/** The person has just agreed to leave by a link: a full-page navigation does not ask again. */
let leaving = false;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the form still works, without drafts
  }
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const RENDERED = 'data-keep-rendered';

function namedFields(form: HTMLFormElement): Field[] {
  return Array.from(form.elements).filter(
    (el): el is Field =>
      (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) &&
      !!el.name &&
      !el.disabled &&
      !(el instanceof HTMLInputElement && ['file', 'submit', 'button', 'reset', 'image', 'password'].includes(el.type)),
  );
}

const isHidden = (el: Field) => el instanceof HTMLInputElement && el.type === 'hidden';

/** What a person edits: visible writable fields, and hidden ones that hold a widget's choice. */
function editable(el: Field): boolean {
  if (isHidden(el)) return el.hasAttribute(RENDERED);
  return el instanceof HTMLSelectElement || !el.readOnly;
}

function read(fields: Field[], rendered = false): Draft {
  const out: Draft = {};
  for (const el of fields) {
    const list = (out[el.name] ??= []);
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      if (el.checked) list.push(el.value);
    } else if (el instanceof HTMLSelectElement && el.multiple) {
      for (const o of Array.from(el.selectedOptions)) list.push(o.value);
    } else if (rendered && isHidden(el)) {
      list.push(el.getAttribute(RENDERED) ?? '');
    } else {
      list.push(el instanceof HTMLTextAreaElement ? el.value.replace(/\r\n?/g, '\n') : el.value);
    }
  }
  return out;
}

/** Names of widgets' choices kept in hidden inputs: always compared, their rendered value being said outright. */
const widgetNames = (form: HTMLFormElement) => new Set(namedFields(form).flatMap((el) => (isHidden(el) && el.hasAttribute(RENDERED) ? [el.name] : [])));

const same = (a: string[] | undefined, b: string[] | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** The values a person edits, as they are now. Unchecked boxes still name their group, so unticking is kept. */
export function readDraft(form: HTMLFormElement): Draft {
  return read(namedFields(form).filter(editable));
}

/** The hidden values the form carries now (version, key...). */
function readHidden(form: HTMLFormElement): Draft {
  return read(namedFields(form).filter((el) => isHidden(el) && !el.hasAttribute(RENDERED)));
}

/**
 * The values a person edits, as the form rendered them: a detached copy reset to its fields'
 * defaults (value attributes, `selected` options, `checked` boxes) reads them the way the
 * browser shows them (a datetime's seconds dropped, newlines normalized).
 */
export function renderedDraft(form: HTMLFormElement): Draft {
  const copy = form.cloneNode(true) as HTMLFormElement;
  copy.reset();
  return read(namedFields(copy).filter(editable), true);
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

/** Ticks or unticks as a click would: React's onChange for boxes and radios listens to clicks. */
function setChecked(el: HTMLInputElement, checked: boolean) {
  if (el.checked === checked) return;
  if (el.type === 'radio' && !checked) return; // a radio is unticked by ticking another
  el.click();
}

/** Puts values into the fields a person edits; names not in `draft` are left alone. */
export function writeDraft(form: HTMLFormElement, draft: Draft) {
  const seen = new Map<string, number>();
  for (const el of namedFields(form).filter(editable)) {
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

export const serialize = (d: Draft) =>
  JSON.stringify(
    Object.keys(d)
      .sort()
      .map((k) => [k, d[k]]),
  );

/** A click on a link that would take this tab to another page of the app. */
export function leavingLink(e: MouseEvent): boolean {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false;
  const target = e.target;
  const a = target instanceof Element ? target.closest('a[href]') : null;
  if (!(a instanceof HTMLAnchorElement)) return false;
  if ((a.target && a.target !== '_self') || a.hasAttribute('download')) return false;
  const to = new URL(a.href, window.location.href);
  const here = window.location;
  // another site (or mailto:): a full-page navigation, which `beforeunload` asks about
  if (to.origin !== here.origin) return false;
  // the same page, or a jump within it, leaves nothing behind
  return !(to.pathname === here.pathname && to.search === here.search);
}

function readStored(store: Storage | null, key: string): Stored | null {
  const raw = store?.getItem(key);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Stored>;
    if (parsed && typeof parsed.fields === 'object' && parsed.fields) return { fields: parsed.fields, hidden: parsed.hidden ?? {} };
  } catch {
    /* unreadable: dropped below */
  }
  store?.removeItem(key);
  return null;
}

/**
 * Keeps the enclosing form's input (see the top of this file). `id` names the form and its
 * record ("release:new", "release:REL-7:edit"); `state` is the form's useActionState result.
 */
export function KeepInput({ id, state }: { id: string; state: { status: string; at?: number } }) {
  const t = useTranslations('forms');
  const leaveQuestion = t('leave');
  const marker = useRef<HTMLSpanElement>(null);
  /** names of the fields edited since the form was shown: by the person, a restored draft or a choice made for them */
  const edited = useRef(new Set<string>());
  const status = state.status;

  useEffect(() => {
    const form = marker.current?.closest('form');
    if (!form) return;
    const key = PREFIX + id;
    const store = storage();
    let submitting = false;
    let live = true;
    /** hidden values restored from a draft, written again on submit */
    let pinned: Draft = {};

    const pin = () => {
      for (const el of namedFields(form)) {
        const v = isHidden(el) && !el.hasAttribute(RENDERED) ? pinned[el.name]?.[0] : undefined;
        if (v !== undefined && el.value !== v) el.value = v;
      }
    };
    const touched = edited.current;
    const dirty = () => {
      if (submitting) return false;
      const now = readDraft(form);
      // a refused save shows what was submitted: compared with what the form opened with
      const opened = status === 'error' ? pristine.get(id) : undefined;
      if (opened !== undefined) return serialize(now) !== opened;
      // a field nobody edited may trail a default that newer server values moved: not a change
      const rendered = renderedDraft(form);
      const widgets = widgetNames(form);
      return Object.keys(now).some((name) => (touched.has(name) || widgets.has(name)) && !same(now[name], rendered[name]));
    };
    const save = () => {
      if (!store || submitting) return;
      if (dirty()) {
        const stored: Stored = { fields: readDraft(form), hidden: { ...readHidden(form), ...pinned } };
        store.setItem(key, JSON.stringify(stored));
      } else store.removeItem(key);
    };

    if (status === 'error') {
      // a refusal shows what was submitted: unsaved still, so that is the draft now
      save();
    } else {
      // first shown, or saved and shown again with the stored values: a new starting point
      const rendered = renderedDraft(form);
      pristine.set(id, serialize(rendered));
      if (status === 'ok') {
        touched.clear();
        store?.removeItem(key);
      }
      const draft = status === 'ok' ? null : readStored(store, key);
      if (draft) {
        // only fields the form has can come back; the draft's hidden values come with them or not at all
        const differing = Object.keys(draft.fields).filter((name) => name in rendered && !same(draft.fields[name], rendered[name]));
        if (!differing.length) store?.removeItem(key);
        else {
          for (const name of differing) touched.add(name);
          const carried = readHidden(form);
          pinned = Object.fromEntries(Object.entries(draft.hidden).filter(([name]) => name in carried));
          pin();
          writeDraft(form, draft.fields);
          // fields shown by a choice just restored (a radio, a select) appear after React renders
          const again = (n: number) =>
            setTimeout(() => {
              if (!live) return;
              writeDraft(form, draft.fields);
              if (n > 1) again(n - 1);
            }, 0);
          again(2);
        }
      }
    }

    const onEdit = (e: Event) => {
      const el = e.target;
      if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) && el.name) touched.add(el.name);
      save();
    };
    const onSubmit = () => {
      pin();
      submitting = true;
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (leaving || !dirty()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (!leavingLink(e) || !dirty()) return;
      let leave = answered.get(e);
      if (leave === undefined) answered.set(e, (leave = window.confirm(leaveQuestion)));
      if (leave) {
        // a link the router does not take unloads the page: it needs no second question
        leaving = true;
        setTimeout(() => (leaving = false), 0);
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    };
    form.addEventListener('input', onEdit);
    form.addEventListener('change', onEdit);
    form.addEventListener('submit', onSubmit);
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('click', onClick, true);
    return () => {
      live = false;
      form.removeEventListener('input', onEdit);
      form.removeEventListener('change', onEdit);
      form.removeEventListener('submit', onSubmit);
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('click', onClick, true);
      // submitted and gone: a save that redirected (the draft is done with) or a result that
      // shows the form again, which writes the draft again if the save was refused
      if (submitting) store?.removeItem(key);
      else save();
    };
  }, [id, status, state.at, leaveQuestion]);

  return <span ref={marker} hidden />;
}
