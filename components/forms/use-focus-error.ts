'use client';

import { useEffect, useRef } from 'react';

/**
 * After a failed submission, moves focus to the first field marked invalid (or
 * to `fallbackId`), so keyboard and screen-reader users land where the fix is.
 * Returns the ref to put on the <form>.
 */
export function useFocusOnError(state: { status?: string; at?: number; error?: string }, fallbackId?: string) {
  const ref = useRef<HTMLFormElement>(null);
  const failed = state.status === 'error' || !!state.error;
  useEffect(() => {
    if (!failed || !state.at) return;
    const form = ref.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (fallbackId ? (form?.querySelector<HTMLElement>(`#${CSS.escape(fallbackId)}`) ?? null) : null);
    target?.focus();
  }, [failed, state.at, fallbackId]);
  return ref;
}
