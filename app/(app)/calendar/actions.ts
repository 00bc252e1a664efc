'use server';

import { redirect } from 'next/navigation';
import { formText } from '@/components/forms/form-state';
import { hrefWith } from '@/components/ui/href';
import { CALENDAR_VIEWS, type CalendarView } from '@/lib/domain/calendar';
import { CalendarQuerySchema } from '@/lib/server/calendar';
import { resetCalendarFilters, saveCalendarFilters } from '@/lib/server/calendar-preferences';

// The calendar's filter form (docs/decisions/053): applying it remembers the filters for the
// person and opens the filtered address; "Reset filters" forgets them. Both are plain form posts,
// so they work before (or without) JavaScript.

const FIELDS = ['view', 'date', 'environment', 'component', 'team', 'status', 'timezone'] as const;

function read(form: FormData) {
  const raw = Object.fromEntries(FIELDS.map((k) => [k, formText(form, k, 100) || undefined]));
  // lenient: what the page would show for this address (unknown values are dropped)
  const q = CalendarQuerySchema.parse(raw);
  const view = CALENDAR_VIEWS.includes(raw.view as CalendarView) ? q.view : undefined;
  return { q, view };
}

export async function applyCalendarFiltersAction(form: FormData): Promise<void> {
  const { q, view } = read(form);
  // a refusal (someone signed out meanwhile) leaves nothing remembered; the page then says why
  await saveCalendarFilters({ environment: q.environment, component: q.component, team: q.team, status: q.status });
  redirect(
    hrefWith('/calendar', { view, date: q.date, environment: q.environment, component: q.component, team: q.team, status: q.status, timezone: q.timezone }),
  );
}

export async function resetCalendarFiltersAction(form: FormData): Promise<void> {
  const { q, view } = read(form);
  await resetCalendarFilters({});
  // an explicit view or date keeps the address from reading the (now forgotten) filters anyway
  redirect(hrefWith('/calendar', { view, date: q.date, timezone: q.timezone }));
}
