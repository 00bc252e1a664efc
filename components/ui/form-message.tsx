import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { FormState } from '@/components/forms/form-state';

// Messages at the top of a form. They carry their own data-testid: Next's route
// announcer also has role="alert", so tests and tools should not select by role.

/** The request's id, for support, read out after the message. */
function RequestId({ requestId }: { requestId: string }) {
  const t = useTranslations('ui.formError');
  return <span className="sr-only"> {t('requestId', { requestId })}</span>;
}

export function FormError({ children, requestId }: { children?: ReactNode; requestId?: string }) {
  if (!children) return null;
  return (
    <div role="alert" data-testid="form-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      {children}
      {requestId ? <RequestId requestId={requestId} /> : null}
    </div>
  );
}

export function FormSuccess({ children }: { children?: ReactNode }) {
  return (
    <div
      role="status"
      data-testid="form-success"
      className={children ? 'rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800' : undefined}
    >
      {children}
    </div>
  );
}

/**
 * The error (remounted for each new result, so it is announced again) and the
 * success message of a form's last result.
 */
export function FormMessages({ state }: { state: FormState }) {
  return (
    <>
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? state.message : null}
      </FormError>
      <FormSuccess>{state.status === 'ok' ? state.message : null}</FormSuccess>
    </>
  );
}

/** A success notice under a page's header, e.g. after a redirect from a form; nothing without children. */
export function PageNotice({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <div className="mb-3">
      <FormSuccess>{children}</FormSuccess>
    </div>
  );
}
