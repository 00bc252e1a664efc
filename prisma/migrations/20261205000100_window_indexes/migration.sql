-- Bounded scheduling reads (docs/decisions/017-bounded-scheduling.md): conflict checks,
-- free slots, the calendar, the iCalendar feed and operations' queue read only the windows
-- that overlap the period in question, through these indexes.

-- DropIndex (replaced by the wider index below, which serves the same queries)
DROP INDEX "Release_plannedStart_idx";

-- CreateIndex
CREATE INDEX "Notification_kind_link_idx" ON "Notification"("kind", "link");

-- CreateIndex
CREATE INDEX "Release_plannedStart_plannedEnd_idx" ON "Release"("plannedStart", "plannedEnd");

-- CreateIndex
CREATE INDEX "ReleaseEnvironment_scheduledStart_scheduledEnd_idx" ON "ReleaseEnvironment"("scheduledStart", "scheduledEnd");

-- A scheduled window is at most 14 days long (lib/server/scheduling.ts MAX_WINDOW_MINUTES has
-- always refused longer ones). The database holds it too, so an overlap query may bound the
-- start column from below (start >= period start - 14 days) and still find every window.
ALTER TABLE "ReleaseEnvironment" ADD CONSTRAINT "ReleaseEnvironment_window_length_check"
  CHECK ("scheduledStart" IS NULL OR "scheduledEnd" IS NULL OR "scheduledEnd" - "scheduledStart" <= interval '14 days');
