-- Timed reminders (docs/decisions/030-reminders-and-escalation.md), read every minute by the tick:
-- approvals by expiry (the "about to expire" and "expired" sweeps), and the review action items
-- still open whose due date is in a bounded past range (the overdue reminder).

-- CreateIndex
CREATE INDEX "Approval_expiresAt_idx" ON "Approval"("expiresAt");

-- CreateIndex
CREATE INDEX "ReviewActionItem_status_dueDate_idx" ON "ReviewActionItem"("status", "dueDate");
