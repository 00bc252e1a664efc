import { currentViewer } from '@/lib/server/viewer';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import type { FormState } from '@/components/forms/form-state';
import { formatWhenBeside } from '@/components/format';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { instantToLocalDateTime, isValidTimeZone } from '@/lib/domain/recurrence';
import type { MaintenanceWindowDto } from '@/lib/server/environments';
import { WindowForm, type EditableWindow } from './window-form';
import { WindowRemove } from './window-remove';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/**
 * An environment's windows as the list shows them. With `editable`, a one-off
 * window's start and end are given as wall-clock times in its own zone (UTC
 * when the zone is unknown), ready for the edit form; without, they are left out.
 */
export function listedWindows(windows: MaintenanceWindowDto[], { editable }: { editable: boolean }): ListedWindow[] {
  return windows.map((w) => {
    const zone = isValidTimeZone(w.timezone) ? w.timezone : 'UTC';
    const local = (at: string | null) => (editable && at ? instantToLocalDateTime(new Date(at), zone) : '');
    return {
      id: w.id,
      version: w.version,
      label: w.label,
      kind: w.kind,
      rrule: w.rrule ?? '',
      durationMinutes: w.durationMinutes ? String(w.durationMinutes) : '',
      timezone: w.timezone,
      startsAt: local(w.startsAt),
      endsAt: local(w.endsAt),
      description: w.description,
      activeNow: w.activeNow,
      next: w.next,
    };
  });
}

export interface ListedWindow extends EditableWindow {
  description: string;
  activeNow: boolean;
  next: { start: string; end: string }[];
}

/** The maintenance windows of an environment: described, next occurrences, edit and remove. */
export async function WindowList({
  windows,
  environmentId,
  timeZones,
  updateAction,
  removeAction,
  editable,
}: {
  windows: ListedWindow[];
  environmentId: string;
  timeZones: string[];
  updateAction?: Action;
  removeAction?: Action;
  editable: boolean;
}) {
  const [viewer, t] = await Promise.all([currentViewer(), getTranslations('environments.windows')]);
  if (!windows.length) {
    return (
      <EmptyState compact title={t('emptyTitle')}>
        {t('empty', { editable: editable ? 'yes' : 'no' })}
      </EmptyState>
    );
  }
  return (
    <ClientMessages namespaces={['environments']}>
      <ul className="space-y-3">
        {windows.map((w) => (
          <li key={w.id} className="rounded-md border border-gray-200 bg-white p-3">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <h3 className="flex items-center gap-2 text-sm font-semibold text-gray-900">
                  {w.label}
                  {w.activeNow ? <Badge tone="green">{t('openNow')}</Badge> : null}
                  <Badge tone="gray">{w.kind === 'one_off' ? t('oneOff') : t('recurring')}</Badge>
                </h3>
                <p className="text-sm text-gray-800">{w.description}</p>
                {w.kind === 'recurring' ? <p className="font-mono text-xs break-all text-gray-700">{w.rrule}</p> : null}
              </div>
              {editable && removeAction ? <WindowRemove action={removeAction} windowId={w.id} label={w.label} /> : null}
            </div>
            <div className="mt-2">
              <h4 className="text-xs font-medium text-gray-800">{t('next', { zone: w.timezone })}</h4>
              {w.next.length ? (
                <ol className="mt-1 grid grid-cols-1 gap-x-4 text-xs text-gray-900 sm:grid-cols-2">
                  {w.next.map((o) => (
                    <li key={o.start}>
                      <time dateTime={o.start}>{formatWhenBeside(o.start, viewer, w.timezone, { whose: 'window' })}</time> →{' '}
                      <time dateTime={o.end}>{formatWhenBeside(o.end, viewer, w.timezone, { whose: 'window' })}</time>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="mt-1 text-xs text-gray-700">{t('noNext')}</p>
              )}
            </div>
            {editable && updateAction ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-blue-800">{t('edit')}</summary>
                <div className="mt-2">
                  <WindowForm action={updateAction} environmentId={environmentId} window={w} timeZones={timeZones} submitLabel={t('save')} />
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </ClientMessages>
  );
}
