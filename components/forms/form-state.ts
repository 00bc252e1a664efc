import type { ActionResult } from '@/lib/domain/result';

// What a form's server action returns to useActionState. React resets a form
// after its action runs, so the submitted values come back too and the fields
// use them as their defaultValue: nothing the user typed is lost on an error.

export type FormValues = Record<string, string | string[]>;

export interface FormState<D = unknown> {
  status: 'idle' | 'ok' | 'error';
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: FormValues;
  requestId?: string;
  data?: D;
  /**
   * when the result was produced: tells two identical results apart. Wall clock on
   * purpose, not lib/server/clock: useRadioChoice compares it with the browser's Date.now().
   */
  at?: number;
}

export const IDLE: FormState = { status: 'idle' };

/** Turns a mutation's result into form state, keeping the submitted values on failure. */
export function toFormState<T>(result: ActionResult<T>, values: FormValues, successMessage: string | ((data: T) => string)): FormState<T> {
  if (result.ok) {
    return {
      status: 'ok',
      message: typeof successMessage === 'function' ? successMessage(result.data) : successMessage,
      data: result.data,
      at: Date.now(),
    };
  }
  return {
    status: 'error',
    message: result.message,
    fieldErrors: result.fieldErrors,
    values,
    requestId: result.requestId,
    at: Date.now(),
  };
}

/** The field's errors, if the last submission had any. */
export const errorsOf = (state: FormState, name: string) => state.fieldErrors?.[name];

/** The value to show: what was submitted last time (on an error), else the fallback. */
export function valueOf(state: FormState, name: string, fallback = ''): string {
  const v = state.values?.[name];
  return typeof v === 'string' ? v : fallback;
}

export function valuesOf(state: FormState, name: string, fallback: string[] = []): string[] {
  const v = state.values?.[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : fallback;
}

/** Form fields as strings (files and oversize values are dropped). */
// A server action can be POSTed by anyone with anything as its arguments, so
// `form` may not be FormData at all: treat that as an empty form.
const isForm = (form: unknown): form is FormData => typeof FormData !== 'undefined' && form instanceof FormData;

export function formText(form: FormData, name: string, max = 10_000): string {
  if (!isForm(form)) return '';
  const v = form.get(name);
  return typeof v === 'string' ? v.slice(0, max) : '';
}

export function formList(form: FormData, name: string, max = 50): string[] {
  if (!isForm(form)) return [];
  return form
    .getAll(name)
    .filter((v): v is string => typeof v === 'string')
    .slice(0, max)
    .map((v) => v.slice(0, 200));
}
