'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';

// The search box of the app shell (issue 15, point 7; docs/decisions/048-search-and-saved-filters.md).
// Without JavaScript it is a link to the full results page (/search). With it, the link, "/"
// (outside a field) or Ctrl/Cmd+K opens a modal dialog holding an ARIA 1.2 combobox: typing
// asks /search/suggest, the arrow keys move through the grouped results, Enter opens the one
// chosen (or, with none chosen, the full results page), Escape closes and focus returns to
// where it was. The server decides what the person may see; this only shows it.

interface Hit {
  kind: string;
  id: string;
  title: string;
  detail: string;
  href: string;
}
interface Group {
  kind: string;
  label: string;
  hits: Hit[];
  more: boolean;
}
interface Suggestions {
  q: string;
  groups: Group[];
  tooShort: boolean;
}

function SearchIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path
        fillRule="evenodd"
        d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

export function GlobalSearch() {
  const t = useTranslations('nav.search');
  const router = useRouter();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const triggerRef = useRef<HTMLAnchorElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [q, setQ] = useState('');
  const [result, setResult] = useState<Suggestions | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [active, setActive] = useState(-1);

  const open = useCallback(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : triggerRef.current;
    dialog.showModal();
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const close = useCallback(() => {
    dialogRef.current?.close();
  }, []);

  // "/" outside a field, and Ctrl/Cmd+K anywhere, open the search
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const k = e.key.toLowerCase();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && k === 'k') {
        e.preventDefault();
        open();
      } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        open();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  // suggestions, a moment after the last keystroke; an answer to older text is dropped
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; ctl: AbortController } | null>(null);
  const ask = (value: string) => {
    setQ(value);
    if (pending.current) {
      clearTimeout(pending.current.timer);
      pending.current.ctl.abort();
      pending.current = null;
    }
    const text = value.trim();
    if (!text) {
      setResult(null);
      setLoading(false);
      setActive(-1);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      fetch(`/search/suggest?${new URLSearchParams({ q: text }).toString()}`, { signal: ctl.signal, headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<Suggestions>) : Promise.reject(new Error(String(r.status)))))
        .then((s) => {
          setResult(s);
          setFailed(false);
          setActive(-1);
          setLoading(false);
        })
        .catch((err: unknown) => {
          if ((err as { name?: string }).name === 'AbortError') return;
          setFailed(true);
          setLoading(false);
        });
    }, 150);
    pending.current = { timer, ctl };
  };
  useEffect(
    () => () => {
      if (pending.current) {
        clearTimeout(pending.current.timer);
        pending.current.ctl.abort();
      }
    },
    [],
  );

  const hits = result?.groups.flatMap((g) => g.hits) ?? [];
  const fullHref = `/search?${new URLSearchParams({ q: q.trim() }).toString()}`;
  // the last option is "all results"
  const count = hits.length + (q.trim() ? 1 : 0);
  const optionId = (i: number) => `${id}-option-${i}`;

  const go = (href: string) => {
    close();
    router.push(href);
  };

  const onInputKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && count) {
      e.preventDefault();
      setActive((a) => (a + 1) % count);
    } else if (e.key === 'ArrowUp' && count) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? count - 1 : a - 1));
    } else if (e.key === 'Home' && count && e.ctrlKey) {
      e.preventDefault();
      setActive(0);
    } else if (e.key === 'End' && count && e.ctrlKey) {
      e.preventDefault();
      setActive(count - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!q.trim()) return;
      if (active >= 0 && active < hits.length) go(hits[active]!.href);
      else go(fullHref);
    }
  };

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    // optionId is stable for the component's life
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);

  const status = !q.trim()
    ? t('status.empty')
    : loading
      ? t('status.searching')
      : failed
        ? t('status.failed')
        : result?.tooShort
          ? t('status.tooShort')
          : hits.length
            ? t('status.hits', { count: hits.length })
            : t('status.nothing', { q: q.trim() });

  let index = -1;
  return (
    <>
      <a
        ref={triggerRef}
        href="/search"
        onClick={(e) => {
          e.preventDefault();
          open();
        }}
        aria-keyshortcuts="/ Control+K Meta+K"
        className="inline-flex h-8 items-center gap-1.5 rounded-md border border-gray-300 bg-white px-2 text-sm text-gray-800 hover:bg-gray-100"
      >
        <SearchIcon />
        {/* the icon alone at phone width, where the header has no room; the name stays */}
        <span className="max-sm:sr-only">{t('open')}</span>
        <kbd aria-hidden="true" className="hidden rounded border border-gray-300 px-1 font-sans text-xs text-gray-700 sm:inline">
          /
        </kbd>
      </a>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        onClose={() => {
          setActive(-1);
          const back = returnTo.current;
          if (back && back.isConnected) back.focus();
        }}
        onClick={(e) => {
          // a click on the backdrop (the dialog element itself, outside its box) closes it
          if (e.target === dialogRef.current) close();
        }}
        className="mx-auto mt-[10vh] w-[min(40rem,calc(100vw-1rem))] max-w-none rounded-lg border border-gray-200 bg-white p-0 text-gray-900 shadow-xl backdrop:bg-gray-900/40"
      >
        <div className="p-3">
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 id={`${id}-title`} className="text-sm font-semibold">
              {t('title')}
            </h2>
            <button type="button" onClick={close} className="rounded-md px-2 py-1 text-sm text-gray-800 hover:bg-gray-100">
              {t.rich('close', { sr: (c) => <span className="sr-only">{c}</span> })}
            </button>
          </div>
          <form
            role="search"
            aria-label={t('title')}
            action="/search"
            method="get"
            onSubmit={(e) => {
              e.preventDefault();
              if (q.trim()) go(fullHref);
            }}
          >
            <label htmlFor={`${id}-input`} className="sr-only">
              {t('inputLabel')}
            </label>
            <input
              ref={inputRef}
              id={`${id}-input`}
              name="q"
              type="text"
              role="combobox"
              aria-expanded={count > 0}
              aria-controls={`${id}-listbox`}
              aria-autocomplete="list"
              aria-activedescendant={active >= 0 ? optionId(active) : undefined}
              aria-describedby={`${id}-status`}
              autoComplete="off"
              spellCheck={false}
              maxLength={100}
              placeholder={t('placeholder')}
              value={q}
              onChange={(e) => ask(e.target.value)}
              onKeyDown={onInputKey}
              className="block h-10 w-full rounded-md border border-gray-400 px-3 text-base text-gray-900 placeholder:text-gray-600"
            />
          </form>
          <p id={`${id}-status`} role="status" className="mt-2 text-xs text-gray-700">
            {status}
          </p>
          <div id={`${id}-listbox`} role="listbox" aria-label={t('results')} hidden={count === 0} className="mt-1 max-h-[55vh] overflow-y-auto">
            {result?.groups.map((g) => (
              <div key={g.kind} role="group" aria-labelledby={`${id}-group-${g.kind}`} className="py-1">
                <div id={`${id}-group-${g.kind}`} role="presentation" className="px-2 py-1 text-xs font-semibold tracking-wide text-gray-700 uppercase">
                  {g.label}
                </div>
                {g.hits.map((h) => {
                  index += 1;
                  const i = index;
                  return (
                    <div
                      key={`${g.kind}-${h.id}`}
                      id={optionId(i)}
                      role="option"
                      aria-selected={i === active}
                      onMouseMove={() => setActive(i)}
                      onClick={() => go(h.href)}
                      className={`cursor-pointer rounded-md px-2 py-1.5 text-sm ${i === active ? 'bg-blue-700 text-white' : 'text-gray-900'}`}
                    >
                      <span className="block truncate font-medium">{h.title}</span>
                      <span className={`block truncate text-xs ${i === active ? 'text-blue-50' : 'text-gray-700'}`}>{h.detail}</span>
                    </div>
                  );
                })}
              </div>
            ))}
            {q.trim() ? (
              <div
                id={optionId(hits.length)}
                role="option"
                aria-selected={active === hits.length}
                onMouseMove={() => setActive(hits.length)}
                onClick={() => go(fullHref)}
                className={`cursor-pointer rounded-md px-2 py-1.5 text-sm ${active === hits.length ? 'bg-blue-700 text-white' : 'text-blue-800'}`}
              >
                {t('allResults', { q: q.trim() })}
              </div>
            ) : null}
          </div>
        </div>
      </dialog>
    </>
  );
}
