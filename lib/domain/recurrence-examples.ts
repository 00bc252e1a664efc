// Example rules quoted in hints and error messages. Kept apart from recurrence.ts
// (which needs rrule, cron-parser, cronstrue and luxon) so a form can show them
// without shipping those libraries to the browser.

export const RRULE_EXAMPLE = 'FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=20;BYMINUTE=0';
export const CRON_EXAMPLE = '0 20 * * 2,4';
