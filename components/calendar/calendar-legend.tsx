import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { STATUS_ORDER } from '@/components/releases/labels';
import { cx } from '@/components/ui/cx';
import { eventTone, FREEZE_STYLE, MAINTENANCE_STYLE } from './tones';
import { useStatusWords } from '@/components/i18n/status-words';

/** What the colours, the shading and the flag mean (each also written out where it is used). */
export function CalendarLegend() {
  const t = useTranslations('calendar.legend');
  const word = useStatusWords();
  const icon = (chunks: ReactNode) => <span aria-hidden="true">{chunks}</span>;
  return (
    <section aria-labelledby="calendar-legend" className="mt-3 rounded-md border border-gray-200 bg-white p-3">
      <h2 id="calendar-legend" className="mb-2 text-sm font-semibold text-gray-900">
        {t('heading')}
      </h2>
      <ul className="flex flex-wrap gap-1.5 text-xs">
        {STATUS_ORDER.map((s) => (
          <li key={s} className={cx('rounded-sm border-l-4 px-1.5 py-0.5', eventTone(s))}>
            {word('release', s)}
          </li>
        ))}
      </ul>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-800">
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-4 w-6 rounded-sm border border-blue-200" style={FREEZE_STYLE} />
          {t.rich('freeze', { icon })}
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-4 w-6 rounded-sm border border-amber-300" style={MAINTENANCE_STYLE} />
          {t.rich('maintenance', { icon })}
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="font-bold text-red-700">
            ⚑
          </span>
          {t('conflict')}
        </li>
        <li>{t('bar')}</li>
        <li>{t('more')}</li>
        <li>{t('inFreeze')}</li>
      </ul>
    </section>
  );
}
