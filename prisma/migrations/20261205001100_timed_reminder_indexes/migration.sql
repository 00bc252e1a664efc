-- Timed reminders (docs/decisions/030-reminders-and-escalation.md): the overdue action item
-- reminder reads, every minute, the items still open whose due date is in a bounded past range.

-- CreateIndex
CREATE INDEX "ReviewActionItem_status_dueDate_idx" ON "ReviewActionItem"("status", "dueDate");
