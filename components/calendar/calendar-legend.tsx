import { STATUS_LABELS, STATUS_ORDER } from '@/components/releases/labels';
import { cx } from '@/components/ui/cx';
import { eventTone, FREEZE_STYLE, MAINTENANCE_STYLE } from './tones';

/** What the colours, the shading and the flag mean (each also written out where it is used). */
export function CalendarLegend() {
  return (
    <section aria-labelledby="calendar-legend" className="mt-3 rounded-md border border-gray-200 bg-white p-3">
      <h2 id="calendar-legend" className="mb-2 text-sm font-semibold text-gray-900">
        Legend
      </h2>
      <ul className="flex flex-wrap gap-1.5 text-xs">
        {STATUS_ORDER.map((s) => (
          <li key={s} className={cx('rounded-sm border-l-4 px-1.5 py-0.5', eventTone(s))}>
            {STATUS_LABELS[s]}
          </li>
        ))}
      </ul>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-800">
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-4 w-6 rounded-sm border border-blue-200" style={FREEZE_STYLE} />
          Shaded day with <span aria-hidden="true">❄</span> name: a change freeze applies
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-4 w-6 rounded-sm border border-amber-300" style={MAINTENANCE_STYLE} />
          Stripes the other way with <span aria-hidden="true">⚙</span> name and hours: an environment’s maintenance window
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="font-bold text-red-700">
            ⚑
          </span>
          Red outline and flag: a release still to be deployed (draft to deploying) overlaps another on the same environment, or both deploy a component
        </li>
        <li>A bar spans the days of one release window on one environment; ◀ and ▶: it continues from the previous week or into the next</li>
        <li>
          “+ n more”: the day holds more windows than fit; the most important are shown (conflicts, then deploying, scheduled and approved, production first)
          and the link opens the day’s full list
        </li>
        <li>“in freeze”: the window falls inside a freeze that covers it</li>
      </ul>
    </section>
  );
}
