'use client';

import { Button, Calendar, CalendarCell, CalendarGrid, CalendarGridBody, CalendarGridHeader, CalendarHeaderCell, Heading } from 'react-aria-components';

// The month grid of the date field's popover (components/ui/date-picker-field.tsx). Inside
// react-aria's DatePicker it takes the field's value, locale (the week starts on Monday in en-GB
// and fr-FR) and words (the previous and next buttons) from the picker.

const navClasses =
  'flex size-8 items-center justify-center rounded-md text-gray-700 outline-none hover:bg-gray-100 data-focus-visible:outline-2 data-focus-visible:outline-blue-700';

export function DateCalendar() {
  return (
    <Calendar className="w-fit">
      <header className="mb-1 flex items-center justify-between gap-2">
        <Button slot="previous" className={navClasses}>
          <span aria-hidden>‹</span>
        </Button>
        <Heading className="text-sm font-semibold text-gray-900" />
        <Button slot="next" className={navClasses}>
          <span aria-hidden>›</span>
        </Button>
      </header>
      <CalendarGrid className="border-separate border-spacing-0.5">
        <CalendarGridHeader>{(day) => <CalendarHeaderCell className="pb-1 text-xs font-medium text-gray-700">{day}</CalendarHeaderCell>}</CalendarGridHeader>
        <CalendarGridBody>
          {(date) => (
            <CalendarCell
              date={date}
              className="flex size-9 cursor-default items-center justify-center rounded-md text-sm text-gray-900 tabular-nums outline-none hover:bg-gray-100 data-disabled:text-gray-400 data-focus-visible:outline-2 data-focus-visible:outline-blue-700 data-outside-month:hidden data-selected:bg-blue-700 data-selected:font-semibold data-selected:text-white"
            />
          )}
        </CalendarGridBody>
      </CalendarGrid>
    </Calendar>
  );
}
