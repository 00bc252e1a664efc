'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef } from 'react';
import type { FieldConflict } from '@/lib/domain/form-conflict';
import { setField } from './keep-input';

// After a refused stale save: each changed field with the person's value beside the one stored
// now, and a choice per field (decision 054). "Take theirs" writes the stored value into the
// field below; the form already carries the new version, so saving again is checked against it.
// The radios belong to no form (form="…" names none), so they are never submitted.

interface ConflictProps {
  conflicts: FieldConflict[];
  /** a field's label by name */
  labels: Record<string, string>;
  /** a value as people read it (names for ids), by field */
  show?: (name: string, values: string[]) => string;
}

export function ConflictChooser(props: ConflictProps) {
  return props.conflicts.length ? <Chooser {...props} /> : null;
}

function Chooser({ conflicts, labels, show }: ConflictProps) {
  const t = useTranslations('forms.conflict');
  const ref = useRef<HTMLDivElement>(null);
  const uid = useId();
  const text = (name: string, values: string[]) => {
    const shown = show ? show(name, values) : values.join(', ');
    return shown.trim() ? (shown.length > 400 ? `${shown.slice(0, 400)}…` : shown) : t('empty');
  };
  const choose = (c: FieldConflict, side: 'mine' | 'theirs') => {
    const form = ref.current?.closest('form');
    if (form) setField(form, c.name, side === 'mine' ? c.mine : c.theirs);
  };
  return (
    <div ref={ref} className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-gray-900" data-testid="conflict-chooser">
      <p className="font-medium">{t('intro')}</p>
      {conflicts.map((c) => {
        const group = `${uid}-${c.name}`;
        return (
          <fieldset key={c.name} className="min-w-0">
            <legend className="font-medium">{labels[c.name] ?? c.name}</legend>
            <div className="mt-1 grid grid-cols-1 gap-2 sm:grid-cols-2">
              <label className="flex min-w-0 items-start gap-2 rounded border border-gray-300 bg-white p-2">
                <input type="radio" name={group} form={`${uid}-none`} defaultChecked onChange={() => choose(c, 'mine')} className="mt-1" />
                <span className="min-w-0">
                  <span className="block text-xs font-semibold text-gray-800">{t('mine')}</span>
                  <span className="block break-words whitespace-pre-line">{text(c.name, c.mine)}</span>
                </span>
              </label>
              <label className="flex min-w-0 items-start gap-2 rounded border border-gray-300 bg-white p-2">
                <input type="radio" name={group} form={`${uid}-none`} onChange={() => choose(c, 'theirs')} className="mt-1" />
                <span className="min-w-0">
                  <span className="block text-xs font-semibold text-gray-800">{t('theirs')}</span>
                  <span className="block break-words whitespace-pre-line">{text(c.name, c.theirs)}</span>
                </span>
              </label>
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
