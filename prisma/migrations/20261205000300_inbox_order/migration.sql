-- The approval inbox reads submitted releases oldest submission first, a batch at a time
-- (lib/server/approvals.ts listMyApprovalInbox): this index serves that order.

-- CreateIndex
CREATE INDEX "Release_status_submittedAt_number_idx" ON "Release"("status", "submittedAt", "number");
