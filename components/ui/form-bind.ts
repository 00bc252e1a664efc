import { errorsOf, valueOf, type FormState } from '@/components/forms/form-state';

/**
 * Ties fields to a form's last result: `bind(name, fallback)` gives a field its
 * name, the value to show (what was submitted, after a refusal; else
 * `fallback`) and its errors. Spread it onto TextField, SelectField or TextAreaField.
 */
export function fieldBinder(state: FormState) {
  const failed = state.status === 'error';
  return (name: string, fallback = '') => ({
    name,
    defaultValue: failed ? valueOf(state, name, fallback) : fallback,
    errors: errorsOf(state, name),
  });
}

/** For fields holding identifiers, URLs or hashes: no autofill, no spell check. */
export const VERBATIM = { autoComplete: 'off', spellCheck: false } as const;
