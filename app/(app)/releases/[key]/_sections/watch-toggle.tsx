'use client';

import { useActionState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, type FormState } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/ui/submit-button';

type Action = (prev: FormState, form: FormData) => Promise<FormState<{ watching: boolean }>>;

/**
 * Watch / Unwatch in the release header: a watcher is told of the release's progress like a
 * stakeholder. A real button in a form (keyboard and screen readers get it for free), pressed
 * what it does named in the button, pending while the action runs.
 */
export function WatchToggle({ releaseKey, watching, action }: { releaseKey: string; watching: boolean; action: Action }) {
  const [state, formAction] = useActionState(action, IDLE as FormState<{ watching: boolean }>);
  const now = state.status === 'ok' && state.data ? state.data.watching : watching;
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="releaseKey" value={releaseKey} />
      <input type="hidden" name="watch" value={now ? 'false' : 'true'} />
      <WatchButton watching={now} releaseKey={releaseKey} />
      <p role="status" className={state.status === 'error' ? 'text-xs text-red-800' : 'sr-only'}>
        {state.status === 'idle' ? '' : state.message}
      </p>
    </form>
  );
}

function WatchButton({ watching, releaseKey }: { watching: boolean; releaseKey: string }) {
  const t = useTranslations('release-parts.watch');
  // the visible word is what pressing does; the star shows whether one watches now
  const sr = (c: ReactNode) => <span className="sr-only">{c}</span>;
  return (
    <SubmitButton variant="secondary" size="sm" pendingText={watching ? t('unwatching') : t('watching')}>
      <span aria-hidden="true">{watching ? '★' : '☆'}</span>
      {watching ? t.rich('unwatch', { releaseKey, sr }) : t.rich('watch', { releaseKey, sr })}
    </SubmitButton>
  );
}
