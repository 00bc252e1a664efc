import { useTranslations } from 'next-intl';
import { FieldError, FieldHint, labelClasses } from '@/components/ui/field';

export interface EventChoice {
  value: string;
  label: string;
  description: string;
}

// The events in the order a release meets them, in four short groups (titles: admin-integrations eventGroups).
const GROUPS: { title: 'approval' | 'deployment' | 'after' | 'freezes'; match: (e: string) => boolean }[] = [
  { title: 'approval', match: (e) => ['release.submitted', 'approval.requested', 'approval.decided', 'release.approved', 'release.rejected'].includes(e) },
  {
    title: 'deployment',
    match: (e) =>
      ['release.scheduled', 'release.deploying', 'deployment.succeeded', 'deployment.failed', 'release.deployed', 'release.rolled_back'].includes(e),
  },
  { title: 'after', match: (e) => ['handover.ready', 'announcement.published', 'release.closed', 'release.cancelled'].includes(e) },
  { title: 'freezes', match: (e) => e.startsWith('freeze.') },
];

/**
 * The events an endpoint or channel receives: a checkbox each, grouped, its type in code; what
 * it means is its description (read out by screen readers, shown on hover) and in the README.
 */
export function EventChoices({
  name,
  choices,
  defaultValues,
  errors,
  hint,
}: {
  name: string;
  choices: EventChoice[];
  defaultValues: string[];
  errors?: string[];
  hint?: string;
}) {
  const t = useTranslations('admin-integrations.eventGroups');
  const te = useTranslations('admin-integrations.eventTypes');
  // an event's label and description in the reader's language, or the English the server gave
  const said = (key: string, english: string) => (te.has(key as never) ? te(key as never) : english);
  const fid = `${name}-events`;
  const grouped: { title: (typeof GROUPS)[number]['title'] | 'other'; items: EventChoice[] }[] = GROUPS.map((g) => ({
    title: g.title,
    items: choices.filter((c) => g.match(c.value)),
  }));
  const rest = choices.filter((c) => !GROUPS.some((g) => g.match(c.value)));
  if (rest.length) grouped.push({ title: 'other', items: rest });
  return (
    <fieldset aria-describedby={[hint ? `${fid}-hint` : null, errors?.length ? `${fid}-error` : null].filter(Boolean).join(' ') || undefined}>
      <legend className={labelClasses}>{t('legend')}</legend>
      <FieldHint id={fid}>{hint}</FieldHint>
      <div className="mt-1 space-y-2">
        {grouped
          .filter((g) => g.items.length)
          .map((g) => (
            <div key={g.title}>
              <p className="text-xs font-semibold text-gray-700">{t(g.title)}</p>
              <ul className="mt-0.5 grid grid-cols-1 gap-x-3 gap-y-1 sm:grid-cols-2">
                {g.items.map((c) => {
                  const cid = `${fid}-${c.value}`;
                  const description = said(`${c.value}.description`, c.description);
                  return (
                    <li key={c.value} className="flex min-h-6 items-center gap-1.5" title={`${c.value}: ${description}`}>
                      <input
                        id={cid}
                        type="checkbox"
                        name="events"
                        value={c.value}
                        defaultChecked={defaultValues.includes(c.value)}
                        aria-invalid={errors?.length ? true : undefined}
                        aria-describedby={`${cid}-d`}
                        className="size-4 shrink-0 rounded border-gray-400 accent-blue-700"
                      />
                      <label htmlFor={cid} className="text-sm text-gray-900">
                        {said(`${c.value}.label`, c.label)}
                      </label>
                      <span id={`${cid}-d`} className="sr-only">
                        {c.value}: {description}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
      </div>
      <FieldError id={fid} errors={errors} />
    </fieldset>
  );
}

/** The events' errors, wherever zod put them (events, events.3). */
export function eventErrors(fieldErrors?: Record<string, string[]>): string[] | undefined {
  const all = Object.entries(fieldErrors ?? {})
    .filter(([k]) => k === 'events' || k.startsWith('events.'))
    .flatMap(([, v]) => v);
  return all.length ? [...new Set(all)] : undefined;
}
