'use client';

import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';
import { buttonClasses, type ButtonSize, type ButtonVariant } from './button';

/**
 * A form's submit button that shows the pending state while the form's action
 * runs. It stays enabled for assistive technology (aria-disabled) but ignores
 * repeated clicks, so a double click never submits twice.
 */
export function SubmitButton({
  children,
  pendingText,
  variant = 'primary',
  size = 'md',
  className,
  name,
  value,
  autoFocus,
}: {
  children: ReactNode;
  pendingText?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  name?: string;
  value?: string;
  autoFocus?: boolean;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      autoFocus={autoFocus}
      aria-disabled={pending || undefined}
      onClick={(e) => {
        if (pending) e.preventDefault();
      }}
      className={buttonClasses(variant, size, className)}
    >
      {pending ? (
        <>
          <span aria-hidden="true" className="size-3 animate-spin rounded-full border-2 border-current border-r-transparent" />
          {pendingText ?? children}
        </>
      ) : (
        children
      )}
    </button>
  );
}
