-- Dashboards and the approval inbox at scale (docs/decisions/023-dashboards-at-scale.md).

-- Operations' handover queue reads the handovers that are ready; without this index it read
-- every handover (65,000 at 100,000 releases) to find a few hundred.
-- CreateIndex
CREATE INDEX "Handover_status_idx" ON "Handover"("status");

-- "Decided by you recently" orders by (createdAt desc, id desc): with the id in the index the
-- first 20 rows come off it in order instead of sorting every decision sharing a timestamp.
-- DropIndex
DROP INDEX "Approval_approverId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Approval_approverId_createdAt_id_idx" ON "Approval"("approverId", "createdAt", "id");
