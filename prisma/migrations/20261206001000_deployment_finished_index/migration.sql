-- Delivery metrics (docs/decisions/043-delivery-metrics.md): the deployments to an environment
-- that finished in a period, read by /insights and GET /api/v1/metrics/dora.

-- CreateIndex
CREATE INDEX "Deployment_environmentId_finishedAt_idx" ON "Deployment"("environmentId", "finishedAt");
