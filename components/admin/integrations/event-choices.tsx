import { FieldError, FieldHint, labelClasses } from '@/components/ui/field';

export interface EventChoice {
  value: string;
  label: string;
  description: string;
}

/** The events an endpoint or channel receives: a checkbox each, with what it means. */
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
  const fid = `${name}-events`;
  return (
    <fieldset aria-describedby={[hint ? `${fid}-hint` : null, errors?.length ? `${fid}-error` : null].filter(Boolean).join(' ') || undefined}>
      <legend className={labelClasses}>Events</legend>
      <FieldHint id={fid}>{hint}</FieldHint>
      <ul className="mt-1 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
        {choices.map((c) => {
          const cid = `${fid}-${c.value}`;
          return (
            <li key={c.value} className="flex items-start gap-1.5">
              <input
                id={cid}
                type="checkbox"
                name="events"
                value={c.value}
                defaultChecked={defaultValues.includes(c.value)}
                aria-invalid={errors?.length ? true : undefined}
                aria-describedby={`${cid}-d`}
                className="mt-0.5 size-4 shrink-0 rounded border-gray-400 accent-blue-700"
              />
              <span>
                <label htmlFor={cid} className="text-sm text-gray-900">
                  {c.label} <code className="font-mono text-xs text-gray-700">{c.value}</code>
                </label>
                <span id={`${cid}-d`} className="block text-xs text-gray-700">
                  {c.description}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
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
