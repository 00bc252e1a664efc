import type { ReactNode } from 'react';
import { cx } from './cx';

// Form fields with their label, hint and error wired up: the error's id is
// "<id>-error", referenced from the control with aria-describedby, and the
// control is marked aria-invalid while it has an error.

export const inputClasses = cx(
  'block w-full rounded-md border border-gray-400 bg-white px-2.5 py-1.5 text-sm text-gray-900 shadow-sm',
  'placeholder:text-gray-600 aria-invalid:border-red-700 aria-invalid:bg-red-50',
  'disabled:bg-gray-100 disabled:text-gray-700',
);

export const labelClasses = 'block text-sm font-medium text-gray-900';

function describedBy(id: string, hint?: ReactNode, errors?: string[]) {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldHint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={`${id}-hint`} className="mt-1 text-xs text-gray-600">
      {children}
    </p>
  );
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
      {errors.join(' ')}
    </p>
  );
}

/** A control's label and hint above it and its error below; the control itself is `children`. */
export function FieldFrame({
  id,
  label,
  hint,
  errors,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClasses}>
        {label}
      </label>
      <FieldHint id={id}>{hint}</FieldHint>
      {children}
      <FieldError id={id} errors={errors} />
    </div>
  );
}

/** The control's side of the wiring: marked invalid while it has errors, and described by its hint and error. */
export const controlState = (id: string, hint?: ReactNode, errors?: string[]) => ({
  'aria-invalid': errors?.length ? true : undefined,
  'aria-describedby': describedBy(id, hint, errors),
});

/** What every labelled control takes: its id (default: its name), name, label, hint and errors. */
export interface BaseProps {
  /** the control's id; defaults to its name */
  id?: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
}

export function TextField({
  id,
  name,
  label,
  hint,
  errors,
  className,
  type = 'text',
  defaultValue,
  ...rest
}: BaseProps & {
  // no 'date': dates go in DateField (components/ui/date-field.tsx), shown in the reader's language
  type?: 'text' | 'email' | 'password' | 'search' | 'url' | 'number';
  defaultValue?: string;
  autoComplete?: string;
  required?: boolean;
  placeholder?: string;
  maxLength?: number;
  minLength?: number;
  inputMode?: 'text' | 'email' | 'numeric' | 'search';
  spellCheck?: boolean;
  autoFocus?: boolean;
  readOnly?: boolean;
  /** id of a <datalist> with suggestions */
  list?: string;
}) {
  const fid = id ?? name;
  return (
    <FieldFrame id={fid} label={label} hint={hint} errors={errors} className={className}>
      <input
        id={fid}
        name={name}
        type={type}
        defaultValue={defaultValue}
        {...controlState(fid, hint, errors)}
        className={cx('mt-1 h-8', inputClasses)}
        {...rest}
      />
    </FieldFrame>
  );
}

export function TextAreaField({
  id,
  name,
  label,
  hint,
  errors,
  className,
  defaultValue,
  rows = 3,
  maxLength,
}: BaseProps & { defaultValue?: string; rows?: number; maxLength?: number }) {
  const fid = id ?? name;
  return (
    <FieldFrame id={fid} label={label} hint={hint} errors={errors} className={className}>
      <textarea
        id={fid}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={defaultValue}
        {...controlState(fid, hint, errors)}
        className={cx('mt-1', inputClasses)}
      />
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField({
  id,
  name,
  label,
  hint,
  errors,
  className,
  options,
  defaultValue,
  required,
}: BaseProps & { options: SelectOption[]; defaultValue?: string; required?: boolean }) {
  const fid = id ?? name;
  return (
    <FieldFrame id={fid} label={label} hint={hint} errors={errors} className={className}>
      <select
        // React applies a select's defaultValue only when it mounts, and resets the
        // form after a server action: remount when the value to show changes, so
        // a refused form keeps the option the user chose.
        key={defaultValue ?? ''}
        id={fid}
        name={name}
        defaultValue={defaultValue}
        required={required}
        {...controlState(fid, hint, errors)}
        className={cx('mt-1 h-8 py-0', inputClasses, 'pr-8')}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A group of checkboxes sharing one name, e.g. roles. */
export function CheckboxGroup({
  id,
  name,
  label,
  hint,
  errors,
  className,
  options,
  defaultValues = [],
}: BaseProps & { options: SelectOption[]; defaultValues?: string[] }) {
  const fid = id ?? name;
  return (
    <fieldset className={className} aria-describedby={describedBy(fid, hint, errors)}>
      <legend className={labelClasses}>{label}</legend>
      <FieldHint id={fid}>{hint}</FieldHint>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1.5">
        {options.map((o) => {
          const cid = `${fid}-${o.value}`;
          return (
            <div key={o.value} className="flex items-center gap-1.5">
              <input
                id={cid}
                type="checkbox"
                name={name}
                value={o.value}
                defaultChecked={defaultValues.includes(o.value)}
                aria-invalid={errors?.length ? true : undefined}
                className="size-4 rounded border-gray-400 accent-blue-700"
              />
              <label htmlFor={cid} className="text-sm text-gray-900">
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
      <FieldError id={fid} errors={errors} />
    </fieldset>
  );
}
